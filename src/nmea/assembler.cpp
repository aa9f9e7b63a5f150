// Reassembly of multi-sentence AIS messages with bounded, reused storage.
//
// Pending messages live in a pool of slots; a slot keeps a copy of its fragments' lines
// in one string whose capacity is reused, so that in steady state push() allocates
// nothing. Slots are found through an open-addressing table of slot indices (linear
// probing, backward-shift deletion) and kept in a list in creation order, so that the
// oldest is evicted first when the pending limit is reached. Windows are checked with a
// lazy sweep: the sweep runs only when the newest line or the pushed sentence's time passes
// the earliest deadline of any pending message, so a push usually costs no scan at all.
//
// The time window is per station: receive times of different stations (satellites that
// store and forward, receivers with their own clocks, concatenated logs) are not
// comparable, so a pending message is aged only by sentences of its own station. When a
// time-ordered sentence of one station passes the deadline of another station's message,
// the sweep finds nothing to evict; that costs O(pending) for that push, no more.
#include "darkfleet/nmea/assembler.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace darkfleet::nmea {
namespace {

constexpr std::uint32_t k_none = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t k_max_fragments = 9;
constexpr std::size_t k_min_table_size = 16;
/// Line buffers that grew beyond this (a giant line) are freed when their slot is reused.
constexpr std::size_t k_keep_capacity = 64 * 1024;

constexpr std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  return a > std::numeric_limits<std::uint64_t>::max() - b ? std::numeric_limits<std::uint64_t>::max()
                                                           : a + b;
}

constexpr std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  if (b > 0 && a > std::numeric_limits<std::int64_t>::max() - b) {
    return std::numeric_limits<std::int64_t>::max();
  }
  if (b < 0 && a < std::numeric_limits<std::int64_t>::min() - b) {
    return std::numeric_limits<std::int64_t>::min();
  }
  return a + b;
}

/// splitmix64 finaliser: spreads key bits over the whole word.
constexpr std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 30U;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27U;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31U;
  return h;
}

/// What identifies the message a sentence belongs to.
struct Key {
  bool grouped = false;  ///< keyed by the tag block `g:` id rather than the sequence id
  std::uint32_t group_id = 0;
  std::uint8_t count = 0;
  std::optional<std::uint8_t> sequence_id;
  char channel = '\0';
  bool own_ship = false;
  std::string_view station;
  std::uint64_t hash = 0;
};

Key make_key(const Sentence& sentence) {
  Key key;
  key.count = sentence.fragment_count;
  key.own_ship = sentence.own_ship;
  key.station = sentence.station;
  key.sequence_id = sentence.sequence_id;
  key.channel = sentence.channel;
  const std::uint64_t flags = std::uint64_t{key.count} | (std::uint64_t{key.own_ship} << 8U);
  if (sentence.tag_block && sentence.tag_block->group && sentence.tag_block->group->count > 1) {
    // The station is not hashed: some fragments of a group carry `s:`, some do not.
    key.grouped = true;
    key.group_id = sentence.tag_block->group->id;
    key.hash = mix((std::uint64_t{key.group_id} << 16U) ^ flags ^ (1ULL << 63U));
  } else {
    std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over the station
    for (const char c : key.station) {
      h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
    const std::uint64_t seq = key.sequence_id ? std::uint64_t{*key.sequence_id} + 1U : 0U;
    h ^= flags | (seq << 16U) | (std::uint64_t{static_cast<unsigned char>(key.channel)} << 24U);
    key.hash = mix(h);
  }
  return key;
}

}  // namespace

struct Assembler::Impl {
  /// One received sentence of a pending message; text lives in the slot's buffer.
  struct Fragment {
    std::size_t line_offset = 0;
    std::size_t line_size = 0;
    std::size_t payload_offset = 0;
    std::size_t payload_size = 0;
    std::uint64_t line_no = 0;
    std::optional<std::int64_t> receive_time_ms;
    TimeSource time_source = TimeSource::none;
    std::uint8_t fill_bits = 0;
    bool present = false;
  };

  /// A pending message (or a free slot, when on the free list).
  struct Slot {
    bool grouped = false;
    std::uint32_t group_id = 0;
    std::uint8_t count = 0;
    std::optional<std::uint8_t> sequence_id;
    char channel = '\0';
    bool own_ship = false;
    std::uint64_t hash = 0;
    std::string station;  ///< key station; for groups, the first one seen on a fragment
    std::array<Fragment, k_max_fragments> fragments{};
    std::uint8_t received = 0;
    std::string text;  ///< verbatim lines (and payloads not inside them), in arrival order
    std::uint64_t first_line = 0;                ///< smallest line number of a fragment
    std::optional<std::int64_t> oldest_time_ms;  ///< smallest receive time of a fragment
    std::uint32_t prev = k_none;                 ///< creation-order list
    std::uint32_t next = k_none;
  };

  explicit Impl(AssemblerOptions opts) : options(opts) {
    options.max_pending_messages = std::max<std::size_t>(options.max_pending_messages, 1);
  }

  AssemblerOptions options;
  std::vector<Slot> slots;
  std::vector<std::uint32_t> free_slots;
  std::vector<std::uint32_t> table;  ///< slot indices, k_none = empty bucket
  std::size_t pending = 0;
  std::uint32_t head = k_none;  ///< oldest pending message
  std::uint32_t tail = k_none;  ///< newest pending message
  std::uint64_t newest_line = 0;  ///< largest line number pushed
  std::uint64_t line_deadline = std::numeric_limits<std::uint64_t>::max();
  std::int64_t time_deadline = std::numeric_limits<std::int64_t>::max();
  std::string joined;  ///< payload of the message being emitted
  std::array<std::string_view, k_max_fragments> joined_lines{};       ///< its verbatim lines
  std::array<std::uint64_t, k_max_fragments> joined_line_numbers{};  ///< and their numbers

  // --- lookup table --------------------------------------------------------------------

  [[nodiscard]] std::size_t mask() const { return table.size() - 1; }

  [[nodiscard]] bool matches(const Slot& slot, const Key& key) const {
    if (slot.hash != key.hash || slot.grouped != key.grouped || slot.count != key.count ||
        slot.own_ship != key.own_ship) {
      return false;
    }
    if (slot.grouped) {
      return slot.group_id == key.group_id &&
             (slot.station.empty() || key.station.empty() || slot.station == key.station);
    }
    return slot.sequence_id == key.sequence_id && slot.channel == key.channel &&
           slot.station == key.station;
  }

  [[nodiscard]] std::uint32_t find(const Key& key) const {
    if (pending == 0) return k_none;
    for (std::size_t i = key.hash & mask(); table[i] != k_none; i = (i + 1) & mask()) {
      if (matches(slots[table[i]], key)) return table[i];
    }
    return k_none;
  }

  void table_insert(std::uint32_t index) {
    std::size_t i = slots[index].hash & mask();
    while (table[i] != k_none) i = (i + 1) & mask();
    table[i] = index;
  }

  void table_erase(std::uint32_t index) {
    std::size_t i = slots[index].hash & mask();
    while (table[i] != index) i = (i + 1) & mask();
    // Backward-shift deletion: pull later entries of the probe run into the hole.
    std::size_t j = i;
    for (;;) {
      j = (j + 1) & mask();
      if (table[j] == k_none) break;
      const std::size_t home = slots[table[j]].hash & mask();
      const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (!stays) {
        table[i] = table[j];
        i = j;
      }
    }
    table[i] = k_none;
  }

  /// Makes room for `count` entries at load factor <= 1/2.
  void reserve_table(std::size_t count) {
    if (count * 2 <= table.size()) return;
    std::size_t size = std::max(k_min_table_size, table.size());
    while (count * 2 > size) size *= 2;
    table.assign(size, k_none);
    for (std::uint32_t i = head; i != k_none; i = slots[i].next) table_insert(i);
  }

  // --- slots ---------------------------------------------------------------------------

  std::uint32_t create(const Key& key, const Sentence& sentence) {
    std::uint32_t index = 0;
    if (free_slots.empty()) {
      index = static_cast<std::uint32_t>(slots.size());
      slots.emplace_back();
      free_slots.reserve(slots.size());
    } else {
      index = free_slots.back();
      free_slots.pop_back();
    }
    Slot& slot = slots[index];
    slot.grouped = key.grouped;
    slot.group_id = key.group_id;
    slot.count = key.count;
    slot.sequence_id = key.sequence_id;
    slot.channel = sentence.channel;
    slot.own_ship = key.own_ship;
    slot.hash = key.hash;
    slot.station.assign(key.station);
    for (Fragment& f : slot.fragments) f.present = false;
    slot.received = 0;
    if (slot.text.capacity() > k_keep_capacity) std::string().swap(slot.text);
    slot.text.clear();
    slot.oldest_time_ms.reset();

    reserve_table(pending + 1);
    table_insert(index);
    slot.prev = tail;
    slot.next = k_none;
    if (tail != k_none) slots[tail].next = index;
    tail = index;
    if (head == k_none) head = index;
    ++pending;
    return index;
  }

  /// Takes a slot out of the table and the list. Its storage stays intact until the slot
  /// is reused by create(), so views into it stay valid for the sink callbacks.
  void release(std::uint32_t index) {
    table_erase(index);
    Slot& slot = slots[index];
    if (slot.prev != k_none) slots[slot.prev].next = slot.next; else head = slot.next;
    if (slot.next != k_none) slots[slot.next].prev = slot.prev; else tail = slot.prev;
    free_slots.push_back(index);
    --pending;
  }

  void add(std::uint32_t index, const Sentence& sentence, std::uint64_t line_no,
           std::string_view line) {
    Slot& slot = slots[index];
    Fragment& f = slot.fragments[sentence.fragment_number - 1U];
    f.line_offset = slot.text.size();
    f.line_size = line.size();
    slot.text.append(line);
    const std::less<const char*> before;
    const char* payload = sentence.payload.data();
    if (!sentence.payload.empty() && !before(payload, line.data()) &&
        !before(line.data() + line.size(), payload + sentence.payload.size())) {
      f.payload_offset = f.line_offset + static_cast<std::size_t>(payload - line.data());
    } else {  // the sentence was not framed from `line`: keep its payload separately
      f.payload_offset = slot.text.size();
      slot.text.append(sentence.payload);
    }
    f.payload_size = sentence.payload.size();
    f.line_no = line_no;
    f.receive_time_ms = sentence.receive_time_ms;
    f.time_source = sentence.time_source;
    f.fill_bits = sentence.fill_bits;
    f.present = true;

    slot.first_line = slot.received == 0 ? line_no : std::min(slot.first_line, line_no);
    ++slot.received;
    if (slot.grouped && slot.station.empty() && !sentence.station.empty()) {
      slot.station.assign(sentence.station);
    }
    if (sentence.receive_time_ms) {
      slot.oldest_time_ms = slot.oldest_time_ms
                                ? std::min(*slot.oldest_time_ms, *sentence.receive_time_ms)
                                : *sentence.receive_time_ms;
    }
    note_deadlines(slot);
  }

  /// True when `slot` holds a fragment numbered above `number`.
  [[nodiscard]] static bool holds_later_fragment(const Slot& slot, std::uint8_t number) {
    for (std::size_t i = number; i < slot.count; ++i) {
      if (slot.fragments[i].present) return true;
    }
    return false;
  }

  [[nodiscard]] std::string_view payload_of(const Slot& slot, const Fragment& f) const {
    return std::string_view(slot.text).substr(f.payload_offset, f.payload_size);
  }

  // --- windows -------------------------------------------------------------------------

  void note_deadlines(const Slot& slot) {
    line_deadline = std::min(line_deadline, saturating_add(slot.first_line, options.max_age_lines));
    if (slot.oldest_time_ms) {
      time_deadline = std::min(time_deadline, saturating_add(*slot.oldest_time_ms, options.max_age_ms));
    }
  }

  /// True when `slot` is outside the line window, or outside the time window as seen from
  /// a sentence of the same station received at `now_ms`.
  [[nodiscard]] bool expired(const Slot& slot, const std::optional<std::int64_t>& now_ms,
                             std::string_view station) const {
    if (saturating_add(slot.first_line, options.max_age_lines) < newest_line) return true;
    return now_ms && slot.oldest_time_ms && slot.station == station &&
           saturating_add(*slot.oldest_time_ms, options.max_age_ms) < *now_ms;
  }

  /// Evicts what `sentence` (just read from line `newest_line`) shows to be too old. The
  /// sweep runs only when the line or the sentence's time passes the earliest deadline of
  /// any pending message.
  void expire(const Sentence& sentence, AssemblerSink& sink) {
    if (pending == 0) return;
    const auto& now_ms = sentence.receive_time_ms;
    const bool due = newest_line > line_deadline || (now_ms && *now_ms > time_deadline);
    if (!due) return;
    line_deadline = std::numeric_limits<std::uint64_t>::max();
    time_deadline = std::numeric_limits<std::int64_t>::max();
    for (std::uint32_t i = head; i != k_none;) {
      const std::uint32_t next = slots[i].next;
      if (expired(slots[i], now_ms, sentence.station)) {
        evict(i, sink);
      } else {
        note_deadlines(slots[i]);
      }
      i = next;
    }
  }

  // --- output --------------------------------------------------------------------------

  /// Rejects every fragment of a pending message as incomplete_message, in line order.
  void evict(std::uint32_t index, AssemblerSink& sink) {
    release(index);
    const Slot& slot = slots[index];
    std::array<const Fragment*, k_max_fragments> held{};
    std::size_t n = 0;
    for (const Fragment& f : slot.fragments) {
      if (f.present) held[n++] = &f;
    }
    std::sort(held.begin(), held.begin() + static_cast<std::ptrdiff_t>(n),
              [](const Fragment* a, const Fragment* b) { return a->line_no < b->line_no; });
    for (std::size_t k = 0; k < n; ++k) {
      const Fragment& f = *held[k];
      sink.on_rejected_line(f.line_no, std::string_view(slot.text).substr(f.line_offset, f.line_size),
                            ErrorCode::incomplete_message);
    }
  }

  void complete(std::uint32_t index, std::uint64_t line_no, AssemblerSink& sink) {
    release(index);
    const Slot& slot = slots[index];
    joined.clear();
    for (std::size_t i = 0; i < slot.count; ++i) joined.append(payload_of(slot, slot.fragments[i]));
    AssembledMessage message;
    message.payload = joined;
    message.fill_bits = slot.fragments[slot.count - 1U].fill_bits;
    message.fragment_count = slot.count;
    message.first_line = slot.first_line;
    message.last_line = line_no;
    message.channel = slot.channel;
    message.own_ship = slot.own_ship;
    message.station = slot.station;
    for (std::size_t i = 0; i < slot.count; ++i) {
      const Fragment& f = slot.fragments[i];
      joined_lines[i] = std::string_view(slot.text).substr(f.line_offset, f.line_size);
      joined_line_numbers[i] = f.line_no;
    }
    message.lines = std::span<const std::string_view>(joined_lines.data(), slot.count);
    message.line_numbers = std::span<const std::uint64_t>(joined_line_numbers.data(), slot.count);
    for (std::size_t i = 0; i < slot.count; ++i) {
      if (slot.fragments[i].receive_time_ms) {
        message.receive_time_ms = slot.fragments[i].receive_time_ms;
        message.time_source = slot.fragments[i].time_source;
        break;
      }
    }
    sink.on_message(message);
  }
};

Assembler::Assembler(AssemblerOptions options) : m_impl(std::make_unique<Impl>(options)) {}
Assembler::~Assembler() = default;
Assembler::Assembler(Assembler&&) noexcept = default;
Assembler& Assembler::operator=(Assembler&&) noexcept = default;

void Assembler::push(const Sentence& sentence, std::uint64_t line_no, std::string_view line,
                     AssemblerSink& sink) {
  Impl& m = *m_impl;
  m.newest_line = std::max(m.newest_line, line_no);
  m.expire(sentence, sink);

  const std::uint8_t count = sentence.fragment_count;
  const std::uint8_t number = sentence.fragment_number;
  if (count < 1 || count > k_max_fragments || number < 1 || number > count) {
    sink.on_rejected_line(line_no, line, ErrorCode::bad_fragment_fields);
    return;
  }
  if (count == 1) {
    AssembledMessage message;
    message.payload = sentence.payload;
    message.fill_bits = sentence.fill_bits;
    message.fragment_count = 1;
    message.first_line = line_no;
    message.last_line = line_no;
    message.channel = sentence.channel;
    message.own_ship = sentence.own_ship;
    message.station = sentence.station;
    message.receive_time_ms = sentence.receive_time_ms;
    message.time_source = sentence.time_source;
    m.joined_lines[0] = line;
    m.joined_line_numbers[0] = line_no;
    message.lines = std::span<const std::string_view>(m.joined_lines.data(), 1);
    message.line_numbers = std::span<const std::uint64_t>(m.joined_line_numbers.data(), 1);
    sink.on_message(message);
    return;
  }

  const Key key = make_key(sentence);
  std::uint32_t index = m.find(key);
  if (index != k_none) {
    const Impl::Slot& slot = m.slots[index];
    const Impl::Fragment& held = slot.fragments[number - 1U];
    if (held.present) {
      if (m.payload_of(slot, held) == sentence.payload) {
        sink.on_rejected_line(line_no, line, ErrorCode::duplicate_fragment);
        return;
      }
      // Same key, same fragment number, new payload: the held message lost a fragment
      // and a new one with the same sequence id has started.
      m.evict(index, sink);
      index = k_none;
    } else if (!slot.grouped && m.holds_later_fragment(slot, number) &&
               line_no > saturating_add(slot.first_line, m.options.max_reorder_lines)) {
      // A lone later fragment from long ago (its message lost fragment 1), not this
      // message's: joining them would make a wrong payload with good checksums.
      m.evict(index, sink);
      index = k_none;
    }
  }
  if (index == k_none) {
    if (m.pending >= m.options.max_pending_messages) m.evict(m.head, sink);
    index = m.create(key, sentence);
  }
  m.add(index, sentence, line_no, line);
  if (m.slots[index].received == count) m.complete(index, line_no, sink);
}

void Assembler::flush(AssemblerSink& sink) {
  if (!m_impl) return;
  Impl& m = *m_impl;
  while (m.head != k_none) m.evict(m.head, sink);
  m.newest_line = 0;
  m.line_deadline = std::numeric_limits<std::uint64_t>::max();
  m.time_deadline = std::numeric_limits<std::int64_t>::max();
}

std::size_t Assembler::pending() const { return m_impl ? m_impl->pending : 0; }

}  // namespace darkfleet::nmea
