#include "darkfleet/store/ingest.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <variant>

#include <fmt/format.h>

#include "darkfleet/io/input.hpp"
#include "darkfleet/io/line_reader.hpp"
#include "darkfleet/io/nmea_decoder.hpp"
#include "darkfleet/store/batch_writer.hpp"
#include "gatehouse.hpp"

namespace darkfleet::store {
namespace {

// A file whose first this-many records (lines for NMEA) yield nothing is in another format.
constexpr std::uint64_t k_guess_records = 1000;

bool looks_like_nmea(std::string_view line) {
  return !line.empty() && (line.front() == '!' || line.front() == '\\' || line.front() == '$');
}

// Reads the first lines of `path` and names its format (nmea, dma, noaa, noaa2024).
std::string detect_format(const std::string& path) {
  io::InputStream input(path);
  io::LineReader reader(input);
  io::Line line;
  std::string first;
  for (int i = 0; i < 20 && reader.next(line); ++i) {
    if (line.text.empty() ||
        (line.text.front() == '#' && line.text.find(',') == std::string_view::npos)) {
      continue;
    }
    if (looks_like_nmea(line.text) || line.text.find("VDM,") != std::string_view::npos) return "nmea";
    if (first.empty()) first = line.text;
    if (const auto layout = io::CsvPositionParser::detect(line.text)) {
      return std::string(io::to_string(*layout));
    }
    break;
  }
  throw std::runtime_error(fmt::format(
      "{}: format not recognised: the first line '{}' is neither AIS NMEA nor the header of a "
      "known CSV layout (dma, noaa, noaa2024); name the columns with --columns or the format "
      "with --format",
      path, first.substr(0, 100)));
}

// Ties one ingest run to the store: skips what an earlier (interrupted) run committed,
// counts records and rejects, and commits at points that depend only on the input.
class Run {
 public:
  Run(Store& store, const SourceInfo& source, const IngestOptions& options,
      IngestObserver* observer, std::string name, IngestReport& report)
      : m_writer(store, source.id, /*background=*/true),
        m_options(options),
        m_observer(observer),
        m_name(std::move(name)),
        m_report(report),
        m_skip_records(source.records_done),
        m_skip_rejects(source.rejects_done),
        m_last_commit(source.records_done),
        m_verified(source.records_done > 0) {}

  // Starts a record; false when an earlier run already committed it.
  bool begin_record() { return m_records++ >= m_skip_records; }

  // A rejected input line outside any record (NMEA framing): counted in its own sequence,
  // so that a resumed run knows which of them were committed.
  void reject_line(std::uint64_t line, std::string_view text, ErrorCode reason) {
    if (m_rejects++ < m_skip_rejects) return;
    count_reject(line, text, reason);
  }
  // A record begun with begin_record() that cannot be used.
  void reject(std::uint64_t line, std::string_view text, ErrorCode reason) {
    count_reject(line, text, reason);
  }
  void count_reject(std::uint64_t line, std::string_view text, ErrorCode reason) {
    m_writer.add_reject(reason);
    ++m_report.rejects[static_cast<std::size_t>(reason)];
    if (m_observer != nullptr) m_observer->on_reject(m_name, line, text, reason);
  }
  void accept_position(std::uint32_t mmsi, const Position& p) {
    m_writer.add_position(mmsi, p);
    ++m_report.positions;
    m_accepted = true;
  }
  void accept_identity(Identity id) {
    m_writer.add_identity(std::move(id));
    ++m_report.identities;
    m_accepted = true;
  }
  // A message that is neither position nor identity (base stations, binary messages):
  // counted, but it does not show that the file was read right.
  void accept_other() { ++m_report.other_messages; }

  // Throws when nothing in the first records could be used: the format is wrong.
  void check_guess(std::uint64_t seen, bool at_end) {
    if (m_verified) return;
    if (m_accepted) {
      m_verified = true;
      return;
    }
    if (seen >= k_guess_records || (at_end && seen > 0)) {
      const auto worst = std::max_element(m_report.rejects.begin(), m_report.rejects.end());
      throw std::runtime_error(fmt::format(
          "{}: read as {}, but none of the first {} records could be used (most: {}); is "
          "this the right format?",
          m_name, m_report.format, seen,
          to_string(static_cast<ErrorCode>(worst - m_report.rejects.begin()))));
    }
  }

  // Records from the last commit to the next: a quarter of commit_every at first, then as
  // many as have been committed so far (doubling), at most commit_every. Small first commits
  // let a file of a few million records decode beside its background commits; the schedule
  // depends only on where the last commit was, so a resumed run commits where an
  // uninterrupted one did.
  [[nodiscard]] std::uint64_t commit_interval() const {
    const std::uint64_t first = std::max<std::uint64_t>(1, m_options.commit_every / 4);
    return std::clamp(m_last_commit, first, std::max(first, m_options.commit_every));
  }

  // Commits when a full interval of records has passed since the last commit.
  void maybe_commit() {
    if (m_records < m_last_commit + commit_interval() || m_records <= m_skip_records) return;
    check_guess(m_records, false);
    m_writer.commit(m_records, m_rejects, false);
    m_last_commit = m_records;
  }
  void finish() {
    check_guess(std::max(m_records, m_rejects), true);
    m_writer.commit(std::max(m_records, m_skip_records), std::max(m_rejects, m_skip_rejects),
                    true);
    m_writer.wait();
  }
  // Stops using the store (an error is being handled).
  void abandon() noexcept { m_writer.wait_quietly(); }

  [[nodiscard]] std::uint64_t records() const { return m_records; }
  [[nodiscard]] std::uint64_t rejects() const { return m_rejects; }
  [[nodiscard]] const IngestOptions& options() const { return m_options; }
  [[nodiscard]] IngestObserver* observer() const { return m_observer; }
  [[nodiscard]] const std::string& name() const { return m_name; }

 private:
  BatchWriter m_writer;
  const IngestOptions& m_options;
  IngestObserver* m_observer;
  std::string m_name;
  IngestReport& m_report;
  std::uint64_t m_skip_records;
  std::uint64_t m_skip_rejects;
  std::uint64_t m_last_commit;
  std::uint64_t m_records = 0;
  std::uint64_t m_rejects = 0;
  bool m_accepted = false;
  bool m_verified;
};

Identity identity_from(std::uint32_t mmsi, std::int64_t t_ms) {
  Identity id;
  id.mmsi = mmsi;
  id.first_seen_ms = t_ms;
  id.last_seen_ms = t_ms;
  return id;
}

template <std::size_t N>
std::string text_of(const ais::Text<N>& text) {
  return std::string(text.view());
}

// Decoded messages -> positions and identities, with times from the message, a Gatehouse
// $PGHP line before it, or the --time default.
class NmeaToStore final : public io::DecodeSink {
 public:
  explicit NmeaToStore(Run& run) : m_run(run) {}

  void on_batch(std::span<const io::DecodedMessage> batch) override {
    for (const auto& m : batch) {
      if (!m_run.begin_record()) continue;
      take(m);
    }
    // Gatehouse times before the last message of this batch are no longer needed.
    if (!batch.empty()) m_gatehouse.forget_before(batch.back().first_line);
    m_run.maybe_commit();
  }

  void on_rejected_line(std::uint64_t line_no, std::string_view line, ErrorCode reason) override {
    // A Gatehouse wrapper line is not a reject: it carries the time of the next sentence.
    if (m_gatehouse.take(line_no, line)) return;
    m_run.reject_line(line_no, line, reason);
    if (m_run.records() == 0) m_run.check_guess(m_run.rejects(), false);
  }

  void on_progress(const io::InputStream& input, const io::DecodeStats& stats) override {
    if (m_run.observer() != nullptr) {
      m_run.observer()->on_progress(input.file_bytes_read(), input.file_size(), stats.messages);
    }
  }

 private:
  void take(const io::DecodedMessage& m) {
    std::optional<std::int64_t> t = m.receive_time_ms;
    if (!t) t = m_gatehouse.time_before(m.first_line);
    if (!t) t = m_run.options().default_time_ms;
    std::visit([&](const auto& msg) { take_message(m, msg, t); }, m.message);
  }

  bool check(const io::DecodedMessage& m, std::uint32_t mmsi, const std::optional<std::int64_t>& t) {
    if (mmsi < 1 || mmsi > 999999999) {
      m_run.reject(m.first_line, {}, ErrorCode::bad_mmsi);
      return false;
    }
    if (!t) {
      m_run.reject(m.first_line, {}, ErrorCode::no_time);
      return false;
    }
    return true;
  }

  void position(const io::DecodedMessage& m, std::uint32_t mmsi, const std::optional<std::int64_t>& t,
                std::optional<double> lat, std::optional<double> lon, std::optional<double> sog,
                std::optional<double> cog, std::optional<double> heading, std::uint8_t status) {
    if (!check(m, mmsi, t)) return;
    if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) {
      m_run.reject(m.first_line, {}, ErrorCode::bad_position);
      return;
    }
    m_run.accept_position(mmsi, make_position(*t, *lat, *lon, sog, cog, heading, status));
  }

  static std::optional<double> widen(std::optional<std::uint16_t> v) {
    return v ? std::optional<double>(*v) : std::nullopt;
  }

  template <typename M>
  void take_message(const io::DecodedMessage& m, const M& msg, const std::optional<std::int64_t>& t) {
    const std::uint32_t mmsi = msg.header.mmsi;
    if constexpr (std::is_same_v<M, ais::PositionReport>) {
      position(m, mmsi, t, msg.lat_deg, msg.lon_deg, msg.speed_kn, msg.course_deg,
               widen(msg.heading_deg), msg.status);
    } else if constexpr (std::is_same_v<M, ais::ClassBPosition>) {
      position(m, mmsi, t, msg.lat_deg, msg.lon_deg, msg.speed_kn, msg.course_deg,
               widen(msg.heading_deg), k_status_na);
    } else if constexpr (std::is_same_v<M, ais::ClassBExtended>) {
      position(m, mmsi, t, msg.lat_deg, msg.lon_deg, msg.speed_kn, msg.course_deg,
               widen(msg.heading_deg), k_status_na);
      if (!check_quiet(mmsi, t)) return;
      Identity id = identity_from(mmsi, *t);
      id.name = text_of(msg.shipname);
      id.ship_type = msg.shiptype;
      id.length_m = static_cast<std::uint16_t>(msg.to_bow_m + msg.to_stern_m);
      id.width_m = static_cast<std::uint16_t>(msg.to_port_m + msg.to_starboard_m);
      m_run.accept_identity(std::move(id));
    } else if constexpr (std::is_same_v<M, ais::LongRangePosition>) {
      std::optional<double> sog;
      if (msg.speed_kn) sog = *msg.speed_kn;
      position(m, mmsi, t, msg.lat_deg, msg.lon_deg, sog, widen(msg.course_deg), std::nullopt,
               msg.status);
    } else if constexpr (std::is_same_v<M, ais::StaticVoyage>) {
      if (!check(m, mmsi, t)) return;
      Identity id = identity_from(mmsi, *t);
      id.name = text_of(msg.shipname);
      id.call_sign = text_of(msg.callsign);
      id.imo = msg.imo;
      id.ship_type = msg.shiptype;
      id.length_m = static_cast<std::uint16_t>(msg.to_bow_m + msg.to_stern_m);
      id.width_m = static_cast<std::uint16_t>(msg.to_port_m + msg.to_starboard_m);
      id.draught_dm = static_cast<std::uint16_t>(std::lround(msg.draught_m.value_or(0.0) * 10));
      id.destination = text_of(msg.destination);
      m_run.accept_identity(std::move(id));
    } else if constexpr (std::is_same_v<M, ais::StaticDataReport>) {
      if (!check(m, mmsi, t)) return;
      // Class B sends its identity in two parts; each is kept as broadcast (ADR 0002).
      Identity id = identity_from(mmsi, *t);
      if (msg.partno == 0) {
        id.name = text_of(msg.shipname);
      } else {
        id.call_sign = text_of(msg.callsign);
        id.ship_type = msg.shiptype;
        id.length_m = static_cast<std::uint16_t>(msg.to_bow_m + msg.to_stern_m);
        id.width_m = static_cast<std::uint16_t>(msg.to_port_m + msg.to_starboard_m);
      }
      m_run.accept_identity(std::move(id));
    } else {
      (void)t;
      m_run.accept_other();
    }
  }

  static bool check_quiet(std::uint32_t mmsi, const std::optional<std::int64_t>& t) {
    return mmsi >= 1 && mmsi <= 999999999 && t.has_value();
  }

  Run& m_run;
  detail::GatehouseTimes m_gatehouse;
};

void ingest_nmea(const std::string& path, Run& run) {
  io::InputStream input(path);
  NmeaToStore sink(run);
  io::NmeaDecoder decoder;
  decoder.decode(input, sink);
}

void ingest_csv(const std::string& path, Run& run, io::CsvLayout layout,
                const IngestOptions& options) {
  io::InputStream input(path);
  io::LineReader reader(input);
  io::Line line;
  while (reader.next(line) && line.text.empty()) {
  }
  io::CsvPositionParser parser(line.text, layout, options.columns ? &*options.columns : nullptr);
  while (reader.next(line)) {
    if (line.text.empty()) continue;
    if (!run.begin_record()) continue;
    const auto record = parser.parse(line.text);
    if (!record) {
      run.reject(line.number, line.text, record.error());
    } else {
      run.accept_position(record->mmsi,
                          make_position(record->t_ms, record->lat_deg, record->lon_deg,
                                        record->sog_kn, record->cog_deg, record->heading_deg,
                                        record->status));
      if (record->has_identity()) {
        Identity id = identity_from(record->mmsi, record->t_ms);
        id.name = record->name;
        id.call_sign = record->call_sign;
        id.imo = record->imo;
        id.ship_type = record->ship_type;
        const auto whole = [](std::optional<double> v, double scale) {
          return static_cast<std::uint16_t>(
              v && *v > 0 && *v * scale < 65535 ? std::lround(*v * scale) : 0);
        };
        id.length_m = whole(record->length_m, 1);
        id.width_m = whole(record->width_m, 1);
        id.draught_dm = whole(record->draught_m, 10);
        id.destination = record->destination;
        run.accept_identity(std::move(id));
      }
    }
    if ((run.records() & 0xFFFF) == 0 && run.observer() != nullptr) {
      run.observer()->on_progress(input.file_bytes_read(), input.file_size(), run.records());
    }
    run.maybe_commit();
  }
}

}  // namespace

std::uint64_t IngestReport::rejected() const {
  return std::accumulate(rejects.begin(), rejects.end(), std::uint64_t{0});
}

std::string hash_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(path + ": " + std::strerror(errno));
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(),
                                                                  &XXH3_freeState);
  XXH3_128bits_reset(state.get());
  // Mapped, a file already in the page cache is hashed where it lies: read() would copy
  // every byte first, which took longer than hashing it (gigabytes before an ingest). A
  // window at a time, so that the mapped pages never count as gigabytes of this process.
  constexpr std::size_t k_window_bytes = std::size_t{64} << 20;  // a multiple of any page size
  struct stat info {};
  const bool mappable = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0;
  bool mapped = mappable;
  const auto size = mappable ? static_cast<std::uint64_t>(info.st_size) : 0;
  for (std::uint64_t offset = 0; mapped && offset < size; offset += k_window_bytes) {
    const auto length =
        static_cast<std::size_t>(std::min<std::uint64_t>(k_window_bytes, size - offset));
    void* window = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, static_cast<off_t>(offset));
    if (window == MAP_FAILED) {
      if (offset > 0) {
        ::close(fd);
        throw std::runtime_error(path + ": cannot map the file: " + std::strerror(errno));
      }
      mapped = false;  // e.g. a file system without mmap: read() works there
      break;
    }
    ::madvise(window, length, MADV_SEQUENTIAL);
    XXH3_128bits_update(state.get(), window, length);
    ::munmap(window, length);
  }
  if (!mapped) {
    std::vector<char> buffer(1 << 20);
    while (true) {
      const ssize_t n = ::read(fd, buffer.data(), buffer.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        const std::string reason = std::strerror(errno);
        ::close(fd);
        throw std::runtime_error(path + ": " + reason);
      }
      if (n == 0) break;
      XXH3_128bits_update(state.get(), buffer.data(), static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  const XXH128_hash_t h = XXH3_128bits_digest(state.get());
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

IngestReport ingest_file(Store& store, const std::string& path, const IngestOptions& options,
                         IngestObserver* observer) {
  IngestReport report;
  if (path == "-") throw std::runtime_error("ingest reads files, not standard input");
  const std::string hash = hash_file(path);
  std::optional<SourceInfo> source = store.find_source(hash);
  if (source && source->complete) {
    report.outcome = IngestReport::Outcome::already_ingested;
    report.format = source->format;
    report.earlier_name = source->name;
    return report;
  }
  std::string format = options.columns ? "columns" : options.format;
  if (source) {
    format = source->format;  // a resumed run reads the file as the first one did
    report.outcome = IngestReport::Outcome::resumed;
  } else if (format.empty()) {
    format = detect_format(path);
  }
  const auto layout = io::csv_layout_from_name(format);
  if (format != "nmea" && !layout) {
    throw std::runtime_error("unknown format '" + format +
                             "' (nmea, dma, noaa, noaa2024, columns)");
  }
  report.format = format;
  if (!source) {
    io::InputStream probe(path);
    store.add_source(path, probe.file_size().value_or(0), hash, format);
    source = store.find_source(hash);
  }
  Run run(store, *source, options, observer, path, report);
  try {
    if (format == "nmea") {
      ingest_nmea(path, run);
    } else {
      ingest_csv(path, run, *layout, options);
    }
    run.finish();
  } catch (...) {
    run.abandon();
    // A source that never committed anything leaves no trace (a wrong format guess).
    const auto now = store.find_source(hash);
    if (now && now->records_done == 0 && now->rejects_done == 0 && !now->complete) {
      store.remove_source(now->id);
    }
    throw;
  }
  report.records = run.records() - std::min(run.records(), source->records_done);
  return report;
}

}  // namespace darkfleet::store
