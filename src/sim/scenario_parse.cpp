// parse_scenario(): TOML (toml++) -> Scenario, with every problem reported as
// "file:line: what is wrong". Unknown keys are errors too, so that a typo ("spead_kn")
// cannot silently fall back to a default.
#include <chrono>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "darkfleet/sim/scenario.hpp"
#include "scenario_validate.hpp"

namespace darkfleet::sim {

ScenarioError::ScenarioError(const std::string& file, int line, const std::string& message)
    : std::runtime_error(line > 0 ? fmt::format("{}:{}: {}", file, line, message)
                                  : fmt::format("{}: {}", file, message)),
      m_line(line) {}

const Port* Scenario::find_port(std::string_view id) const {
  for (const auto& p : ports) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

namespace {

int line_of(const toml::node& node) {
  return static_cast<int>(node.source().begin.line);
}

// A TOML table being read: typed getters that remember which keys were used, so that
// finish() can reject the rest.
class Table {
 public:
  Table(const toml::table& table, const std::string& file, std::string what)
      : m_table(table), m_file(file), m_what(std::move(what)) {}

  [[nodiscard]] int line() const { return line_of(m_table); }
  [[nodiscard]] const std::string& file() const { return m_file; }
  [[noreturn]] void fail(const toml::node& at, const std::string& message) const {
    throw ScenarioError(m_file, line_of(at), message);
  }
  [[noreturn]] void fail(const std::string& message) const {
    throw ScenarioError(m_file, line(), message);
  }

  const toml::node* get(std::string_view key) {
    m_used.insert(std::string(key));
    return m_table.get(key);
  }
  bool has(std::string_view key) const { return m_table.contains(key); }

  std::optional<std::string> string(std::string_view key) {
    const toml::node* n = get(key);
    if (n == nullptr) return std::nullopt;
    if (!n->is_string()) fail(*n, fmt::format("{}.{} must be a string", m_what, key));
    return std::string(n->as_string()->get());
  }
  std::string required_string(std::string_view key) {
    auto s = string(key);
    if (!s || s->empty()) fail(fmt::format("{} needs a non-empty `{}`", m_what, key));
    return *s;
  }

  std::optional<double> number(std::string_view key, double min, double max) {
    const toml::node* n = get(key);
    if (n == nullptr) return std::nullopt;
    double v = 0;
    if (n->is_integer()) {
      v = static_cast<double>(n->as_integer()->get());
    } else if (n->is_floating_point()) {
      v = n->as_floating_point()->get();
    } else {
      fail(*n, fmt::format("{}.{} must be a number", m_what, key));
    }
    if (!(v >= min && v <= max)) {
      fail(*n, fmt::format("{}.{} = {} is out of range [{}, {}]", m_what, key, v, min, max));
    }
    return v;
  }
  double number_or(std::string_view key, double fallback, double min, double max) {
    return number(key, min, max).value_or(fallback);
  }
  // A number in a range whose ends may be open: (min, max], [min, max), ...
  enum class Ends : std::uint8_t { closed, open_min, open_max };
  double number_or(std::string_view key, double fallback, double min, double max, Ends ends) {
    const toml::node* n = get(key);
    const auto v = number(key, min, max);
    if (!v) return fallback;
    if ((ends == Ends::open_min && *v == min) || (ends == Ends::open_max && *v == max)) {
      fail(*n, fmt::format("{}.{} = {} is out of range {}{}, {}{}", m_what, key, *v,
                           ends == Ends::open_min ? '(' : '[', min, max,
                           ends == Ends::open_max ? ')' : ']'));
    }
    return *v;
  }

  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max) {
    const toml::node* n = get(key);
    if (n == nullptr) return std::nullopt;
    if (!n->is_integer()) fail(*n, fmt::format("{}.{} must be an integer", m_what, key));
    const std::int64_t v = n->as_integer()->get();
    if (v < min || v > max) {
      fail(*n, fmt::format("{}.{} = {} is out of range [{}, {}]", m_what, key, v, min, max));
    }
    return v;
  }

  std::optional<bool> boolean(std::string_view key) {
    const toml::node* n = get(key);
    if (n == nullptr) return std::nullopt;
    if (!n->is_boolean()) fail(*n, fmt::format("{}.{} must be true or false", m_what, key));
    return n->as_boolean()->get();
  }

  // A TOML offset date-time (2024-01-22T06:00:00Z) or a local one read as UTC.
  std::optional<std::int64_t> time(std::string_view key) {
    const toml::node* n = get(key);
    if (n == nullptr) return std::nullopt;
    if (!n->is_date_time()) {
      fail(*n, fmt::format("{}.{} must be a date-time such as 2024-01-22T06:00:00Z", m_what, key));
    }
    const toml::date_time dt = n->as_date_time()->get();
    using namespace std::chrono;
    const year_month_day ymd{year{dt.date.year}, month{dt.date.month}, day{dt.date.day}};
    if (!ymd.ok()) fail(*n, fmt::format("{}.{} is not a valid date", m_what, key));
    std::int64_t ms = duration_cast<milliseconds>(sys_days{ymd}.time_since_epoch()).count();
    ms += ((dt.time.hour * 60LL + dt.time.minute) * 60LL + dt.time.second) * 1000LL +
          dt.time.nanosecond / 1000000;
    if (dt.offset) ms -= dt.offset->minutes * 60000LL;
    return ms;
  }

  // A position that must be there; `what` names the entry in the error.
  LatLon required_point(std::string_view key, const std::string& what) {
    const auto p = point(key);
    if (!p) fail(fmt::format("{} needs `{} = [lat, lon]`", what, key));
    return *p;
  }
  // A date-time that must be there.
  std::int64_t required_time(std::string_view key, const std::string& what) {
    const auto t = time(key);
    if (!t) fail(fmt::format("{} needs `{}`", what, key));
    return *t;
  }

  std::optional<LatLon> point(std::string_view key) {
    const toml::node* n = get(key);
    if (n == nullptr) return std::nullopt;
    return to_point(*n, fmt::format("{}.{}", m_what, key));
  }

  LatLon to_point(const toml::node& n, const std::string& what) const {
    const toml::array* a = n.as_array();
    if (a == nullptr || a->size() != 2 || !is_number(a->get(0)) || !is_number(a->get(1))) {
      fail(n, fmt::format("{} must be [lat, lon] in degrees", what));
    }
    const LatLon p{number_of(*a->get(0)), number_of(*a->get(1))};
    if (!(p.lat_deg >= -85 && p.lat_deg <= 85) || !(p.lon_deg >= -180 && p.lon_deg <= 180)) {
      fail(n, fmt::format("{} = [{}, {}] is outside lat -85..85, lon -180..180", what, p.lat_deg,
                          p.lon_deg));
    }
    return p;
  }

  std::vector<LatLon> points(std::string_view key) {
    std::vector<LatLon> out;
    const toml::node* n = get(key);
    if (n == nullptr) return out;
    const toml::array* a = n->as_array();
    if (a == nullptr) fail(*n, fmt::format("{}.{} must be a list of [lat, lon]", m_what, key));
    for (const auto& item : *a) out.push_back(to_point(item, fmt::format("{}.{}[]", m_what, key)));
    return out;
  }

  std::optional<Box> box(std::string_view key) {
    const toml::node* n = get(key);
    if (n == nullptr) return std::nullopt;
    const toml::array* a = n->as_array();
    if (a == nullptr || a->size() != 4) {
      fail(*n, fmt::format("{}.{} must be [south, west, north, east] in degrees", m_what, key));
    }
    double v[4] = {};
    for (std::size_t i = 0; i < 4; ++i) {
      if (!is_number(a->get(i))) fail(*n, fmt::format("{}.{} must hold numbers", m_what, key));
      v[i] = number_of(*a->get(i));
    }
    const Box b{v[0], v[1], v[2], v[3]};
    if (!(b.south_deg < b.north_deg) || !(b.west_deg < b.east_deg) || b.south_deg < -85 ||
        b.north_deg > 85 || b.west_deg < -180 || b.east_deg > 180) {
      fail(*n,
           fmt::format("{}.{} needs south < north and west < east within the globe", m_what, key));
    }
    return b;
  }

  // Sub-tables in an array of tables, e.g. [[vessels]].
  std::vector<Table> tables(std::string_view key) {
    std::vector<Table> out;
    const toml::node* n = get(key);
    if (n == nullptr) return out;
    const toml::array* a = n->as_array();
    if (a == nullptr) fail(*n, fmt::format("`{}` must be an array of tables ([[{}]])", key, key));
    for (const auto& item : *a) {
      if (!item.is_table()) fail(item, fmt::format("entries of `{}` must be tables", key));
      out.emplace_back(*item.as_table(), m_file, std::string(key));
    }
    return out;
  }

  std::optional<Table> table(std::string_view key) {
    const toml::node* n = get(key);
    if (n == nullptr) return std::nullopt;
    if (!n->is_table()) fail(*n, fmt::format("`{}` must be a table", key));
    return Table(*n->as_table(), m_file, std::string(key));
  }

  // Rejects the keys no getter asked for.
  void finish() const {
    for (const auto& [key, node] : m_table) {
      if (m_used.count(std::string(key.str())) == 0) {
        fail(node, fmt::format("unknown key `{}` in {}", key.str(), m_what));
      }
    }
  }

 private:
  static bool is_number(const toml::node* n) {
    return n != nullptr && (n->is_integer() || n->is_floating_point());
  }
  static double number_of(const toml::node& n) { return n.value<double>().value_or(0.0); }

  const toml::table& m_table;
  const std::string& m_file;
  std::string m_what;
  std::set<std::string> m_used;
};

constexpr double k_max_h = 24.0 * 366 * 10;
constexpr std::uint32_t k_max_mmsi = 999999999;

Cargo read_cargo(Table& t) {
  Cargo c;
  c.load_20ft = static_cast<int>(t.integer("load_20ft", 0, 100000).value_or(0));
  c.load_40ft = static_cast<int>(t.integer("load_40ft", 0, 100000).value_or(0));
  c.unload_20ft = static_cast<int>(t.integer("unload_20ft", 0, 100000).value_or(0));
  c.unload_40ft = static_cast<int>(t.integer("unload_40ft", 0, 100000).value_or(0));
  return c;
}

Step read_step(Table& t) {
  Step s;
  s.line = t.line();
  s.port = t.string("port").value_or("");
  s.point = t.point("point");
  s.meeting = t.string("meet").value_or("");
  const int targets = (s.port.empty() ? 0 : 1) + (s.point ? 1 : 0) + (s.meeting.empty() ? 0 : 1);
  if (targets != 1) t.fail("an itinerary step needs exactly one of `port`, `point`, `meet`");
  s.via = t.points("via");
  s.speed_kn = t.number("speed_kn", 0.5, 60);
  s.dwell_h = t.number_or("dwell_h", 0, 0, k_max_h);
  s.loiter_h = t.number_or("loiter_h", 0, 0, k_max_h);
  s.loiter_radius_m = t.number_or("loiter_radius_m", 1500, 50, 50000);
  s.cargo = read_cargo(t);
  if (!s.cargo.empty() && s.port.empty()) t.fail("cargo can only be moved at a `port`");
  t.finish();
  return s;
}

AisRule read_ais_rule(Table& t) {
  AisRule r;
  r.line = t.line();
  const std::string mode = t.required_string("mode");
  if (mode == "on") {
    r.mode = AisMode::on;
  } else if (mode == "off") {
    r.mode = AisMode::off;
  } else if (mode == "offset") {
    r.mode = AisMode::offset;
  } else if (mode == "fixed") {
    r.mode = AisMode::fixed;
  } else {
    t.fail(fmt::format("ais.mode `{}` is not one of on, off, offset, fixed", mode));
  }
  r.from_ms = t.time("from");
  r.to_ms = t.time("to");
  if (r.from_ms && r.to_ms && *r.to_ms <= *r.from_ms) t.fail("ais.to must be after ais.from");
  r.area = t.box("area");
  r.offset_north_m = t.number_or("offset_north_m", 0, -2e6, 2e6);
  r.offset_east_m = t.number_or("offset_east_m", 0, -2e6, 2e6);
  if (r.mode == AisMode::offset && r.offset_north_m == 0 && r.offset_east_m == 0) {
    t.fail("ais mode `offset` needs offset_north_m and/or offset_east_m");
  }
  const auto fixed = t.point("position");
  if (r.mode == AisMode::fixed) {
    if (!fixed) t.fail("ais mode `fixed` needs `position = [lat, lon]`");
    r.fixed = *fixed;
  }
  t.finish();
  return r;
}

IdentityChange read_identity(Table& t) {
  IdentityChange c;
  c.line = t.line();
  c.t_ms = t.required_time("at", "an identity change");
  if (auto m = t.integer("mmsi", 1, k_max_mmsi)) c.mmsi = static_cast<std::uint32_t>(*m);
  if (auto i = t.integer("imo", 0, 9999999)) c.imo = static_cast<std::uint32_t>(*i);
  c.name = t.string("name").value_or("");
  c.callsign = t.string("callsign").value_or("");
  if (!c.mmsi && !c.imo && c.name.empty() && c.callsign.empty()) {
    t.fail("an identity change needs at least one of mmsi, imo, name, callsign");
  }
  t.finish();
  return c;
}

Vessel read_vessel(Table& t) {
  Vessel v;
  v.line = t.line();
  v.id = t.required_string("id");
  v.mmsi = static_cast<std::uint32_t>(t.integer("mmsi", 1, k_max_mmsi).value_or(0));
  if (v.mmsi == 0) t.fail(fmt::format("vessel `{}` needs an `mmsi`", v.id));
  v.imo = static_cast<std::uint32_t>(t.integer("imo", 0, 9999999).value_or(0));
  v.name = t.required_string("name");
  v.callsign = t.string("callsign").value_or("");
  v.ship_type = static_cast<int>(t.integer("ship_type", 0, 99).value_or(70));
  v.length_m = t.number_or("length_m", 100, 2, 511);
  v.beam_m = t.number_or("beam_m", 18, 1, 126);
  const std::string cls = t.string("class").value_or("A");
  if (cls == "A") {
    v.ais_class = AisClass::a;
  } else if (cls == "B") {
    v.ais_class = AisClass::b;
  } else {
    t.fail(fmt::format("vessel `{}`: class must be \"A\" or \"B\"", v.id));
  }
  v.speed_kn = t.number_or("speed_kn", 10, 0.5, 60);
  v.start_port = t.string("start_port").value_or("");
  v.start_point = t.point("start_point");
  if (v.start_port.empty() == !v.start_point) {
    t.fail(fmt::format("vessel `{}` needs exactly one of `start_port`, `start_point`", v.id));
  }
  v.depart_ms = t.time("depart");
  v.repeat = static_cast<int>(t.integer("repeat", 1, 100000).value_or(1));
  v.note = t.string("note").value_or("");
  for (auto& s : t.tables("itinerary")) v.itinerary.push_back(read_step(s));
  for (auto& s : t.tables("finally")) v.finally.push_back(read_step(s));
  for (auto& r : t.tables("ais")) v.ais.push_back(read_ais_rule(r));
  for (auto& c : t.tables("identity")) v.identity.push_back(read_identity(c));
  t.finish();
  return v;
}

Meeting read_meeting(Table& t) {
  Meeting m;
  m.line = t.line();
  m.id = t.required_string("id");
  const auto vessels = t.get("vessels");
  const toml::array* a = vessels != nullptr ? vessels->as_array() : nullptr;
  const auto first = a != nullptr && a->size() == 2 ? (*a)[0].value<std::string>() : std::nullopt;
  const auto second = a != nullptr && a->size() == 2 ? (*a)[1].value<std::string>() : std::nullopt;
  if (!first || !second) t.fail(fmt::format("meeting `{}` needs `vessels = [\"a\", \"b\"]`", m.id));
  m.vessel_a = *first;
  m.vessel_b = *second;
  m.position = t.required_point("position", fmt::format("meeting `{}`", m.id));
  m.start_ms = t.required_time("start", fmt::format("meeting `{}`", m.id));
  m.duration_h = t.number_or("duration_h", 4, 0.1, 24 * 30);
  m.separation_m = t.number_or("separation_m", 60, 5, 5000);
  m.drift_kn = t.number_or("drift_kn", 0.5, 0, 3);
  m.drift_course_deg = t.number_or("drift_course_deg", 45, 0, 360);
  t.finish();
  return m;
}

std::vector<int> read_ints(Table& t, std::string_view key, int min, int max) {
  std::vector<int> out;
  const toml::node* n = t.get(key);
  if (n == nullptr) return out;
  const toml::array* a = n->as_array();
  if (a == nullptr || a->empty()) t.fail(*n, fmt::format("`{}` must be a list of integers", key));
  for (const auto& item : *a) {
    if (!item.is_integer() || item.as_integer()->get() < min || item.as_integer()->get() > max) {
      t.fail(item, fmt::format("`{}` holds integers in [{}, {}]", key, min, max));
    }
    out.push_back(static_cast<int>(item.as_integer()->get()));
  }
  return out;
}

Lane read_lane(Table& t) {
  Lane l;
  l.line = t.line();
  l.from_port = t.required_string("from");
  l.to_port = t.required_string("to");
  l.via = t.points("via");
  l.vessels = static_cast<int>(t.integer("vessels", 0, 1000000).value_or(0));
  l.min_speed_kn = t.number_or("min_speed_kn", 10, 0.5, 40);
  l.max_speed_kn = t.number_or("max_speed_kn", 16, l.min_speed_kn, 40);
  l.min_dwell_h = t.number_or("min_dwell_h", 6, 0, 24 * 30);
  l.max_dwell_h = t.number_or("max_dwell_h", 36, l.min_dwell_h, 24 * 30);
  l.class_b_share = t.number_or("class_b_share", 0, 0, 1);
  if (auto types = read_ints(t, "ship_types", 1, 99); !types.empty()) l.ship_types = types;
  if (auto mids = read_ints(t, "mids", 201, 775); !mids.empty()) {
    l.mids.assign(mids.begin(), mids.end());
  }
  t.finish();
  return l;
}

Anchorage read_anchorage(Table& t) {
  Anchorage a;
  a.line = t.line();
  a.position = t.required_point("position", "an anchorage");
  a.radius_m = t.number_or("radius_m", 3000, 100, 50000);
  a.vessels = static_cast<int>(t.integer("vessels", 0, 1000000).value_or(0));
  t.finish();
  return a;
}

FishingGround read_fishing(Table& t) {
  FishingGround f;
  f.line = t.line();
  const auto b = t.box("area");
  if (!b) t.fail("a fishing ground needs `area = [south, west, north, east]`");
  f.area = *b;
  f.vessels = static_cast<int>(t.integer("vessels", 0, 1000000).value_or(0));
  f.class_b_share = t.number_or("class_b_share", 0.5, 0, 1);
  t.finish();
  return f;
}

Reception read_reception(Table& t) {
  Reception r;
  r.loss = t.number_or("loss", 0.1, 0, 1);
  r.jitter_ms = t.number_or("jitter_ms", 0, 0, 600000);
  for (auto& s : t.tables("shore")) {
    ShoreStation st;
    st.line = s.line();
    st.id = s.required_string("id");
    if (st.id.find_first_of(",*\\") != std::string::npos) {
      s.fail("a station id must not contain ',', '*' or '\\'");
    }
    st.position = s.required_point("position", fmt::format("shore station `{}`", st.id));
    st.range_nm = s.number_or("range_nm", 40, 1, 200);
    st.loss = s.number("loss", 0, 1);
    s.finish();
    r.shore.push_back(std::move(st));
  }
  if (auto s = t.table("satellite")) {
    r.satellite.enabled = true;
    r.satellite.id = s->string("id").value_or("sat");
    r.satellite.revisit_min = s->number_or("revisit_min", 90, 1, 24 * 60);
    r.satellite.pass_min = s->number_or("pass_min", 10, 0.1, r.satellite.revisit_min);
    r.satellite.loss = s->number_or("loss", 0.5, 0, 1);
    r.satellite.phase_min = s->number_or("phase_min", 0, 0, 24 * 60);
    s->finish();
  }
  t.finish();
  return r;
}

Imagery read_imagery(Table& t) {
  using Ends = Table::Ends;
  Imagery im;
  im.line = t.line();
  im.port = t.required_string("port");
  im.area_id = t.string("area_id").value_or(im.port);
  if (im.area_id.empty()) t.fail("imagery.area_id must not be empty");
  constexpr std::int64_t k_max_yard = 10000000;
  im.start_20ft = static_cast<int>(t.integer("start_20ft", 0, k_max_yard).value_or(0));
  im.start_40ft = static_cast<int>(t.integer("start_40ft", 0, k_max_yard).value_or(0));
  im.land_flow_20ft_per_day = t.number_or("land_flow_20ft_per_day", 0, -1e5, 1e5);
  im.land_flow_40ft_per_day = t.number_or("land_flow_40ft_per_day", 0, -1e5, 1e5);
  im.every_h = t.number_or("every_h", 24, 0, k_max_h, Ends::open_min);
  im.offset_h = t.number_or("offset_h", 0, 0, k_max_h);
  im.cloud = t.number_or("cloud", 0, 0, 1, Ends::open_max);
  im.count_error_relative = t.number_or("count_error_relative", 0.03, 0, 10);
  im.count_error_absolute = t.number_or("count_error_absolute", 2, 0, 1e6);
  im.provider = t.string("provider").value_or("Simulated");
  if (im.provider.empty()) t.fail("imagery.provider must not be empty");
  im.sensor = t.string("sensor").value_or("");
  im.resolution_m = t.number_or("resolution_m", 0.5, 0, 10000, Ends::open_min);
  im.confidence = t.number_or("confidence", 0.8, 0, 1, Ends::open_min);
  im.analyst = t.string("analyst").value_or("darkfleet simulate");
  if (im.analyst.empty()) t.fail("imagery.analyst must not be empty");
  t.finish();
  return im;
}

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& file) {
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw ScenarioError(file, static_cast<int>(e.source().begin.line),
                        std::string(e.description()));
  }
  Table top(root, file, "the scenario");
  Scenario s;
  s.file = file;
  auto head = top.table("scenario");
  if (!head) top.fail("missing [scenario] table (name, start, end)");
  s.name = head->required_string("name");
  s.label = head->string("label").value_or("");
  s.description = head->string("description").value_or("");
  const auto start = head->time("start");
  const auto end = head->time("end");
  if (!start || !end) head->fail("[scenario] needs `start` and `end` date-times");
  s.start_ms = *start;
  s.end_ms = *end;
  if (s.end_ms <= s.start_ms) head->fail("[scenario] end must be after start");
  if (s.start_ms < 0) head->fail("[scenario] start must be after 1970");
  head->finish();

  for (auto& t : top.tables("ports")) {
    Port p;
    p.id = t.required_string("id");
    p.name = t.string("name").value_or(p.id);
    p.position = t.required_point("position", fmt::format("port `{}`", p.id));
    p.source = t.string("source").value_or("");
    t.finish();
    if (s.find_port(p.id) != nullptr) t.fail(fmt::format("port `{}` defined twice", p.id));
    s.ports.push_back(std::move(p));
  }
  for (auto& t : top.tables("vessels")) s.vessels.push_back(read_vessel(t));
  for (auto& t : top.tables("meetings")) s.meetings.push_back(read_meeting(t));
  if (auto bg = top.table("background")) {
    for (auto& t : bg->tables("lanes")) s.lanes.push_back(read_lane(t));
    for (auto& t : bg->tables("anchorages")) s.anchorages.push_back(read_anchorage(t));
    for (auto& t : bg->tables("fishing")) s.fishing.push_back(read_fishing(t));
    bg->finish();
  }
  if (auto r = top.table("reception")) s.reception = read_reception(*r);
  for (auto& t : top.tables("imagery")) s.imagery.push_back(read_imagery(t));
  if (auto t = top.table("truth")) {
    s.truth.track_sample_s = t->number_or("track_sample_s", 600, 1, 86400);
    s.truth.background_tracks = t->boolean("background_tracks").value_or(false);
    t->finish();
  }
  top.finish();
  validate_scenario(s);
  return s;
}

Scenario load_scenario(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path, 0, "cannot read the scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path);
}

}  // namespace darkfleet::sim
