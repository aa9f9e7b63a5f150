// Identity events. Each pattern has its own subtype:
//   two_places_at_once  two segments of one MMSI overlap in time for at least
//                       identity.min_overlap_h and, in the middle of the overlap, are further
//                       apart than identity.max_speed_kn allows over the time between their
//                       positions plus 0.5 h of time noise (the segmenter split them because
//                       one transmitter could not have made both)
//   name_change, call_sign_change, imo_change
//                       a broadcast value differs from the last non-empty one (identity
//                       history in first-seen order; empty values are "not broadcast")
//   flag_change, mmsi_change
//                       one IMO number broadcast under several MMSIs; flag_change when the
//                       MMSIs' MIDs belong to different countries (found in finish())
//   invalid_mmsi        not a 9-digit ship station MMSI (first digit 2-7)
//   unallocated_mid     a ship MMSI whose MID ITU has not allocated
//   invalid_imo         an IMO number that is not 7 digits or fails its check digit
//   positions_on_land   positions of a segment on land, more than identity.min_inland_m
//                       from the coastline (needs a coast in the Context)
//   impossible_jump     a noise segment: a single position no plausible track could reach
//                       (not a lone report, one with no other position within 24 h)
//
// Memory across vessels: one (IMO, MMSI, first/last seen) record per vessel that broadcasts
// an IMO number.
#include "darkfleet/events/identity.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "track_util.hpp"

namespace darkfleet::events {
namespace {

/// Maritime Identification Digits and the country (ISO 3166-1 alpha-2) they are allocated to.
/// Source: ITU, Maritime mobile Access and Retrieval System (MARS), "Table of Maritime
/// Identification Digits", https://www.itu.int/en/ITU-R/terrestrial/fmd/Pages/mid.aspx
/// (territories carry their own code: PT for Azores and Madeira, TF for the French southern
/// territories). Sorted by MID.
constexpr std::array<std::pair<std::uint16_t, const char*>, 292> k_mids = {{
    {201, "AL"}, {202, "AD"}, {203, "AT"}, {204, "PT"}, {205, "BE"}, {206, "BY"}, {207, "BG"},
    {208, "VA"}, {209, "CY"}, {210, "CY"}, {211, "DE"}, {212, "CY"}, {213, "GE"}, {214, "MD"},
    {215, "MT"}, {216, "AM"}, {218, "DE"}, {219, "DK"}, {220, "DK"}, {224, "ES"}, {225, "ES"},
    {226, "FR"}, {227, "FR"}, {228, "FR"}, {229, "MT"}, {230, "FI"}, {231, "FO"}, {232, "GB"},
    {233, "GB"}, {234, "GB"}, {235, "GB"}, {236, "GI"}, {237, "GR"}, {238, "HR"}, {239, "GR"},
    {240, "GR"}, {241, "GR"}, {242, "MA"}, {243, "HU"}, {244, "NL"}, {245, "NL"}, {246, "NL"},
    {247, "IT"}, {248, "MT"}, {249, "MT"}, {250, "IE"}, {251, "IS"}, {252, "LI"}, {253, "LU"},
    {254, "MC"}, {255, "PT"}, {256, "MT"}, {257, "NO"}, {258, "NO"}, {259, "NO"}, {261, "PL"},
    {262, "ME"}, {263, "PT"}, {264, "RO"}, {265, "SE"}, {266, "SE"}, {267, "SK"}, {268, "SM"},
    {269, "CH"}, {270, "CZ"}, {271, "TR"}, {272, "UA"}, {273, "RU"}, {274, "MK"}, {275, "LV"},
    {276, "EE"}, {277, "LT"}, {278, "SI"}, {279, "RS"}, {301, "AI"}, {303, "US"}, {304, "AG"},
    {305, "AG"}, {306, "CW"}, {307, "AW"}, {308, "BS"}, {309, "BS"}, {310, "BM"}, {311, "BS"},
    {312, "BZ"}, {314, "BB"}, {316, "CA"}, {319, "KY"}, {321, "CR"}, {323, "CU"}, {325, "DM"},
    {327, "DO"}, {329, "GP"}, {330, "GD"}, {331, "GL"}, {332, "GT"}, {334, "HN"}, {336, "HT"},
    {338, "US"}, {339, "JM"}, {341, "KN"}, {343, "LC"}, {345, "MX"}, {347, "MQ"}, {348, "MS"},
    {350, "NI"}, {351, "PA"}, {352, "PA"}, {353, "PA"}, {354, "PA"}, {355, "PA"}, {356, "PA"},
    {357, "PA"}, {358, "PR"}, {359, "SV"}, {361, "PM"}, {362, "TT"}, {364, "TC"}, {366, "US"},
    {367, "US"}, {368, "US"}, {369, "US"}, {370, "PA"}, {371, "PA"}, {372, "PA"}, {373, "PA"},
    {374, "PA"}, {375, "VC"}, {376, "VC"}, {377, "VC"}, {378, "VG"}, {379, "VI"}, {401, "AF"},
    {403, "SA"}, {405, "BD"}, {408, "BH"}, {410, "BT"}, {412, "CN"}, {413, "CN"}, {414, "CN"},
    {416, "TW"}, {417, "LK"}, {419, "IN"}, {422, "IR"}, {423, "AZ"}, {425, "IQ"}, {428, "IL"},
    {431, "JP"}, {432, "JP"}, {434, "TM"}, {436, "KZ"}, {437, "UZ"}, {438, "JO"}, {440, "KR"},
    {441, "KR"}, {443, "PS"}, {445, "KP"}, {447, "KW"}, {450, "LB"}, {451, "KG"}, {453, "MO"},
    {455, "MV"}, {457, "MN"}, {459, "NP"}, {461, "OM"}, {463, "PK"}, {466, "QA"}, {468, "SY"},
    {470, "AE"}, {471, "AE"}, {472, "TJ"}, {473, "YE"}, {475, "YE"}, {477, "HK"}, {478, "BA"},
    {501, "TF"}, {503, "AU"}, {506, "MM"}, {508, "BN"}, {510, "FM"}, {511, "PW"}, {512, "NZ"},
    {514, "KH"}, {515, "KH"}, {516, "CX"}, {518, "CK"}, {520, "FJ"}, {523, "CC"}, {525, "ID"},
    {529, "KI"}, {531, "LA"}, {533, "MY"}, {536, "MP"}, {538, "MH"}, {540, "NC"}, {542, "NU"},
    {544, "NR"}, {546, "PF"}, {548, "PH"}, {550, "TL"}, {553, "PG"}, {555, "PN"}, {557, "SB"},
    {559, "AS"}, {561, "WS"}, {563, "SG"}, {564, "SG"}, {565, "SG"}, {566, "SG"}, {567, "TH"},
    {570, "TO"}, {572, "TV"}, {574, "VN"}, {576, "VU"}, {577, "VU"}, {578, "WF"}, {601, "ZA"},
    {603, "AO"}, {605, "DZ"}, {607, "TF"}, {608, "SH"}, {609, "BI"}, {610, "BJ"}, {611, "BW"},
    {612, "CF"}, {613, "CM"}, {615, "CG"}, {616, "KM"}, {617, "CV"}, {618, "TF"}, {619, "CI"},
    {620, "KM"}, {621, "DJ"}, {622, "EG"}, {624, "ET"}, {625, "ER"}, {626, "GA"}, {627, "GH"},
    {629, "GM"}, {630, "GW"}, {631, "GQ"}, {632, "GN"}, {633, "BF"}, {634, "KE"}, {635, "TF"},
    {636, "LR"}, {637, "LR"}, {638, "SS"}, {642, "LY"}, {644, "LS"}, {645, "MU"}, {647, "MG"},
    {649, "ML"}, {650, "MZ"}, {654, "MR"}, {655, "MW"}, {656, "NE"}, {657, "NG"}, {659, "NA"},
    {660, "RE"}, {661, "RW"}, {662, "SD"}, {663, "SN"}, {664, "SC"}, {665, "SH"}, {666, "SO"},
    {667, "SL"}, {668, "ST"}, {669, "SZ"}, {670, "TD"}, {671, "TG"}, {672, "TN"}, {674, "TZ"},
    {675, "UG"}, {676, "CD"}, {677, "TZ"}, {678, "ZM"}, {679, "ZW"}, {701, "AR"}, {710, "BR"},
    {720, "BO"}, {725, "CL"}, {730, "CO"}, {735, "EC"}, {740, "FK"}, {745, "GF"}, {750, "GY"},
    {755, "PY"}, {760, "PE"}, {765, "SR"}, {770, "UY"}, {775, "VE"},
}};
static_assert(std::is_sorted(k_mids.begin(), k_mids.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; }),
              "k_mids must stay sorted: mid_country() searches it");

/// Time noise added to the interval between two transmitters' positions, h (GFW pipe-segment
/// buffer_hours, DOMAIN.md 1.5): with identity.max_speed_kn 50, two positions at the same time
/// more than 25 nm apart cannot be one ship.
constexpr double k_buffer_h = 0.5;

/// One IMO number seen under one MMSI.
struct ImoUse {
  std::uint32_t imo = 0;
  std::uint32_t mmsi = 0;
  std::int64_t first_ms = 0;
  std::int64_t last_ms = 0;
  std::string name;
};

class IdentityDetector final : public Detector {
 public:
  [[nodiscard]] EventKind kind() const override { return EventKind::identity; }

  void on_vessel(const VesselData& vessel, const Context& context, EventSink& sink) override {
    const Parameters& p = detail::parameters_of(context);
    m_parameter_set = p.name();
    std::int64_t first_ms = 0;
    geo::LatLon first_position;
    if (vessel.track != nullptr && !vessel.track->segments.empty() &&
        !vessel.track->segments.front().positions.empty()) {
      const auto& first = vessel.track->segments.front().positions.front();
      first_ms = first.t_ms;
      first_position = detail::to_latlon(first);
    }
    if (vessel.identities != nullptr && !vessel.identities->empty()) {
      const std::int64_t t = std::min_element(vessel.identities->begin(), vessel.identities->end(),
                                              [](const auto& a, const auto& b) {
                                                return a.first_seen_ms < b.first_seen_ms;
                                              })
                                 ->first_seen_ms;
      if (first_ms == 0 || t < first_ms) first_ms = t;
    }
    check_mmsi(vessel.mmsi, {first_ms, first_position}, sink);
    if (vessel.track != nullptr) {
      check_overlaps(*vessel.track, p, sink);
      check_spoofing(*vessel.track, context, sink);
    }
    if (vessel.identities != nullptr) check_identities(vessel.mmsi, *vessel.identities, sink);
  }

  void finish(const Context& context, EventSink& sink) override {
    (void)context;
    std::sort(m_imo_uses.begin(), m_imo_uses.end(), [](const ImoUse& a, const ImoUse& b) {
      return a.imo != b.imo ? a.imo < b.imo : a.first_ms < b.first_ms;
    });
    for (std::size_t i = 1; i < m_imo_uses.size(); ++i) {
      const ImoUse& before = m_imo_uses[i - 1];
      const ImoUse& after = m_imo_uses[i];
      if (before.imo != after.imo || before.mmsi == after.mmsi) continue;
      const std::string_view old_flag = mid_country(ship_mid(before.mmsi));
      const std::string_view new_flag = mid_country(ship_mid(after.mmsi));
      Event e = make(after.mmsi, old_flag != new_flag ? "flag_change" : "mmsi_change",
                     {after.first_ms, {}});
      e.notes["imo"] = fmt::format("{}", after.imo);
      e.notes["old_mmsi"] = fmt::format("{}", before.mmsi);
      e.notes["new_mmsi"] = fmt::format("{}", after.mmsi);
      e.notes["old_flag"] = std::string(old_flag);
      e.notes["new_flag"] = std::string(new_flag);
      if (!before.name.empty()) e.notes["old_name"] = before.name;
      if (!after.name.empty()) e.notes["new_name"] = after.name;
      e.values["old_mmsi_last_seen_ms"] = static_cast<double>(before.last_ms);
      sink.on_event(std::move(e));
    }
    m_imo_uses.clear();
  }

 private:
  [[nodiscard]] Event make(std::uint32_t mmsi, std::string subtype, EventPoint at) const {
    Event e;
    e.kind = EventKind::identity;
    e.mmsi = mmsi;
    e.subtype = std::move(subtype);
    e.start = at;
    e.end = at;
    e.position = at.position;
    e.parameter_set = m_parameter_set;
    return e;
  }

  void check_mmsi(std::uint32_t mmsi, EventPoint at, EventSink& sink) const {
    if (mmsi < 100'000'000 || mmsi > 999'999'999) {
      Event e = make(mmsi, "invalid_mmsi", at);
      e.notes["reason"] = "not 9 digits";
      sink.on_event(std::move(e));
      return;
    }
    const std::uint32_t mid = ship_mid(mmsi);
    if (mid == 0) {
      Event e = make(mmsi, "invalid_mmsi", at);
      e.notes["reason"] =
          fmt::format("first digit {} is not a ship station's (2-7)", mmsi / 100'000'000);
      sink.on_event(std::move(e));
    } else if (mid_country(mid).empty()) {
      Event e = make(mmsi, "unallocated_mid", at);
      e.notes["mid"] = fmt::format("{}", mid);
      sink.on_event(std::move(e));
    }
  }

  void check_overlaps(const track::Track& track, const Parameters& p, EventSink& sink) const {
    const double min_overlap_ms = p.get("identity.min_overlap_h") * detail::k_ms_per_h;
    const double max_speed_kn = p.get("identity.max_speed_kn");
    const auto& segments = track.segments;  // by first position time
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const auto& a = segments[i].positions;
      if (segments[i].quality == track::SegmentQuality::noise || a.empty()) continue;
      for (std::size_t j = i + 1; j < segments.size(); ++j) {
        const auto& b = segments[j].positions;
        if (segments[j].quality == track::SegmentQuality::noise || b.empty()) continue;
        if (b.front().t_ms >= a.back().t_ms) break;  // later segments start later still
        const std::int64_t from = std::max(a.front().t_ms, b.front().t_ms);
        const std::int64_t to = std::min(a.back().t_ms, b.back().t_ms);
        if (static_cast<double>(to - from) < min_overlap_ms) continue;
        // Closest-in-time pair of positions at the middle of the overlap.
        const std::int64_t middle = from + (to - from) / 2;
        const store::Position& pa = nearest(a, middle);
        const store::Position& pb = nearest(b, middle);
        const double distance_nm = track::distance_nm(pa, pb);
        // As the segmenter, time noise of k_buffer_h is added to the interval.
        const double dt_h = std::hypot(
            static_cast<double>(std::abs(pa.t_ms - pb.t_ms)) / detail::k_ms_per_h, k_buffer_h);
        const double speed_kn = distance_nm / dt_h;
        if (speed_kn <= max_speed_kn) continue;
        Event e = make(track.mmsi, "two_places_at_once", {from, detail::to_latlon(pa)});
        e.end = {to, detail::to_latlon(pb)};
        e.values["overlap_h"] = static_cast<double>(to - from) / detail::k_ms_per_h;
        e.values["distance_nm"] = distance_nm;
        e.values["implied_speed_kn"] = speed_kn;
        e.evidence.push_back(evidence(track.mmsi, segments[i], from, to));
        e.evidence.push_back(evidence(track.mmsi, segments[j], from, to));
        sink.on_event(std::move(e));
      }
    }
  }

  static const store::Position& nearest(const std::vector<store::Position>& positions,
                                        std::int64_t t_ms) {
    auto it = std::lower_bound(positions.begin(), positions.end(), t_ms,
                               [](const store::Position& p, std::int64_t t) { return p.t_ms < t; });
    if (it == positions.end()) return positions.back();
    if (it != positions.begin() && t_ms - std::prev(it)->t_ms < it->t_ms - t_ms)
      return *std::prev(it);
    return *it;
  }

  static Evidence evidence(std::uint32_t mmsi, const track::Segment& segment, std::int64_t from,
                           std::int64_t to) {
    const auto n =
        std::count_if(segment.positions.begin(), segment.positions.end(),
                      [&](const store::Position& p) { return p.t_ms >= from && p.t_ms <= to; });
    return {mmsi, segment.index, from, to, static_cast<std::uint32_t>(n)};
  }

  void check_spoofing(const track::Track& track, const Context& context, EventSink& sink) const {
    for (const track::Segment& segment : track.segments) {
      if (segment.positions.empty()) continue;
      // a lone report (heard once) has nothing to jump from: only the land check applies
      if (segment.quality == track::SegmentQuality::noise && !detail::lone_report(track, segment)) {
        const store::Position& p = segment.positions.front();
        Event e = make(track.mmsi, "impossible_jump", {p.t_ms, detail::to_latlon(p)});
        e.evidence.push_back({track.mmsi, segment.index, p.t_ms, p.t_ms, 1});
        sink.on_event(std::move(e));
        continue;
      }
      if (context.coast == nullptr) continue;
      const double min_inland_m = detail::parameters_of(context).get("identity.min_inland_m");
      const store::Position* first = nullptr;
      const store::Position* last = nullptr;
      std::uint32_t on_land = 0;
      for (const store::Position& p : segment.positions) {
        // Natural Earth's 1:10m land closes small harbours and smooths piers: only positions
        // deeper inland than identity.min_inland_m count.
        const geo::LatLon at = detail::to_latlon(p);
        if (!context.coast->on_land(at) || context.coast->near_shore(at, min_inland_m)) continue;
        if (first == nullptr) first = &p;
        last = &p;
        ++on_land;
      }
      if (on_land == 0) continue;
      Event e = make(track.mmsi, "positions_on_land", {first->t_ms, detail::to_latlon(*first)});
      e.end = {last->t_ms, detail::to_latlon(*last)};
      e.values["positions_on_land"] = on_land;
      e.values["share_on_land"] =
          static_cast<double>(on_land) / static_cast<double>(segment.positions.size());
      // A few positions on land may be a coarse coastline; a whole segment is spoofing.
      e.confidence = e.values["share_on_land"];
      e.evidence.push_back({track.mmsi, segment.index, first->t_ms, last->t_ms, on_land});
      sink.on_event(std::move(e));
    }
  }

  void check_identities(std::uint32_t mmsi, std::vector<store::Identity> history, EventSink& sink) {
    std::sort(history.begin(), history.end(),
              [](const store::Identity& a, const store::Identity& b) {
                return a.first_seen_ms < b.first_seen_ms;
              });
    std::string name;
    std::string call_sign;
    std::uint32_t imo = 0;
    std::map<std::uint32_t, ImoUse> uses;  // per IMO under this MMSI
    auto change = [&](const char* subtype, const std::string& old_value,
                      const std::string& new_value, std::int64_t t_ms) {
      Event e = make(mmsi, subtype, {t_ms, {}});
      e.notes["old_value"] = old_value;
      e.notes["new_value"] = new_value;
      sink.on_event(std::move(e));
    };
    for (const store::Identity& id : history) {
      if (!id.name.empty()) {
        if (!name.empty() && id.name != name)
          change("name_change", name, id.name, id.first_seen_ms);
        name = id.name;
      }
      if (!id.call_sign.empty()) {
        if (!call_sign.empty() && id.call_sign != call_sign) {
          change("call_sign_change", call_sign, id.call_sign, id.first_seen_ms);
        }
        call_sign = id.call_sign;
      }
      if (id.imo != 0) {
        if (imo != 0 && id.imo != imo) {
          change("imo_change", fmt::format("{}", imo), fmt::format("{}", id.imo), id.first_seen_ms);
        }
        if (!uses.contains(id.imo) && !imo_valid(id.imo)) {
          Event e = make(mmsi, "invalid_imo", {id.first_seen_ms, {}});
          e.notes["imo"] = fmt::format("{}", id.imo);
          e.notes["reason"] =
              id.imo < 1'000'000 || id.imo > 9'999'999 ? "not 7 digits" : "check digit fails";
          sink.on_event(std::move(e));
        }
        imo = id.imo;
        ImoUse& use =
            uses.try_emplace(id.imo, ImoUse{id.imo, mmsi, id.first_seen_ms, id.last_seen_ms, name})
                .first->second;
        use.first_ms = std::min(use.first_ms, id.first_seen_ms);
        use.last_ms = std::max(use.last_ms, id.last_seen_ms);
        if (!name.empty()) use.name = name;
      }
    }
    for (auto& [key, use] : uses) {
      if (imo_valid(key)) m_imo_uses.push_back(std::move(use));
    }
  }

  std::string m_parameter_set = "gfw";
  std::vector<ImoUse> m_imo_uses;
};

}  // namespace

std::unique_ptr<Detector> make_identity_detector() {
  return std::make_unique<IdentityDetector>();
}

std::string_view mid_country(std::uint32_t mid) {
  const auto it =
      std::lower_bound(k_mids.begin(), k_mids.end(), mid,
                       [](const auto& entry, std::uint32_t m) { return entry.first < m; });
  return it != k_mids.end() && it->first == mid ? std::string_view(it->second) : std::string_view();
}

std::uint32_t ship_mid(std::uint32_t mmsi) {
  if (mmsi < 200'000'000 || mmsi > 799'999'999) return 0;
  return mmsi / 1'000'000;
}

bool imo_valid(std::uint32_t imo) {
  if (imo < 1'000'000 || imo > 9'999'999) return false;
  std::uint32_t sum = 0;
  std::uint32_t rest = imo / 10;
  for (std::uint32_t weight = 2; weight <= 7; ++weight) {
    sum += (rest % 10) * weight;
    rest /= 10;
  }
  return sum % 10 == imo % 10;
}

}  // namespace darkfleet::events
