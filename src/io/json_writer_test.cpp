// Tests of append_json: gpsd's exact text for known messages, values parsed back with
// nlohmann::json, escaping, "not available" codes, every message type, and the number
// formatting helpers against printf.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "darkfleet/ais/decode.hpp"
#include "darkfleet/io/message_writers.hpp"
#include "writer_test_support.hpp"
#include "text_format.hpp"

namespace darkfleet::io {
namespace {

using testing::decoded;
using testing::with;

using nlohmann::json;

std::string to_json(const DecodedMessage& d) {
  std::string out;
  append_json(out, d);
  return out;
}

json parsed(const DecodedMessage& d) {
  const std::string text = to_json(d);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.find('\n'), text.size() - 1) << "one line per message";
  return json::parse(text);
}

// gpsdecode 3.22's lines for libais typeexamples.nmea, "device" removed: the writer
// must print them byte for byte.
TEST(JsonWriter, MatchesGpsdByteForByte) {
  struct Case {
    const char* payload;
    std::uint8_t fill;
    const char* gpsd;
  };
  const std::vector<Case> cases = {
      {"15N1u<PP1FJuvSRHOE6QIwwh0HQ6", 0,
       R"({"class":"AIS","type":1,"repeat":0,"mmsi":367033650,"scaled":true,"status":0,)"
       R"("status_text":"Under way using engine","turn":"nan","speed":8.6,"accuracy":false,)"
       R"("lon":-70.346905,"lat":42.798550,"course":35.9,"heading":511,"second":56,)"
       R"("maneuver":0,"raim":false,"radio":100422})"},
      {"403Ovl@000Htt<tSF0l4Q@100`Pq", 0,
       R"({"class":"AIS","type":4,"repeat":0,"mmsi":3669713,"scaled":true,)"
       R"("timestamp":"0000-00-00T24:60:60Z","accuracy":false,"lon":181.000000,)"
       R"("lat":91.000000,"epfd":1,"epfd_text":"GPS","raim":false,"radio":165945})"},
      {"53eaFL02?;fwTPm7V219E@R1@PE8E<622222221@9hG1A7?@NCPSlm3kc5DhH8888888880", 2,
       R"({"class":"AIS","type":5,"repeat":0,"mmsi":249190000,"scaled":true,"imo":9383663,)"
       R"("ais_version":0,"callsign":"9HMQ9","shipname":"RUTH THERESA","shiptype":80,)"
       R"("shiptype_text":"Tanker - all ships of this type","to_bow":78,"to_stern":23,)"
       R"("to_port":1,"to_starboard":17,"epfd":1,"epfd_text":"GPS","eta":"12-30T16:30Z",)"
       R"("draught":7.8,"destination":"BOSTON,USA","dte":0})"},
      {"803Ovrh0EP:024`@02PN04da=3V<>N0000", 4,
       R"({"class":"AIS","type":8,"repeat":0,"mmsi":3669739,"scaled":true,"dac":1,"fid":22,)"
       R"("data":"144:0280084a1000281e004b2934398c39e00000"})"},
      {"603Owlh0>5Q@04000000", 0,
       R"({"class":"AIS","type":6,"repeat":0,"mmsi":3669971,"scaled":true,"seqno":0,)"
       R"("dest_mmsi":923156,"retransmit":false,"dac":1,"fid":0,"data":"32:00000000"})"},
      {"=nq@w7AlOpV<", 0,
       R"({"class":"AIS","type":13,"repeat":3,"mmsi":462700317,"scaled":true,)"
       R"("mmsi1":488628835,"mmsi2":0,"mmsi3":0,"mmsi4":0})"},
      {">IgoUswo3Q6?Ah", 4,
       R"({"class":"AIS","type":14,"repeat":1,"mmsi":654173679,"scaled":true,"text":"=08Q#4"})"},
      {"I;=w>`IRvRwqhWd", 2,
       R"({"class":"AIS","type":25,"repeat":0,"mmsi":752864929,"scaled":true,)"
       R"("addressed":true,"structured":false,"dest_mmsi":415140862,"app_id":0,)"
       R"("data":"18:709ec0"})"},
      {"<NnJ4`u1=C7>qV3?qoRm", 0,
       R"({"class":"AIS","type":12,"repeat":1,"mmsi":996574371,"scaled":true,"seqno":3,)"
       R"("dest_mmsi":273501299,"retransmit":true,"text":"9&CO97\"5"})"},
      {":KeoLe9SVU;H", 0,
       R"({"class":"AIS","type":10,"repeat":1,"mmsi":786291892,"scaled":true,)"
       R"("dest_mmsi":417764534})"},
      {"9muc;QvN2`TG6BE76wm;U7u>K>?b", 0,
       R"({"class":"AIS","type":9,"repeat":3,"mmsi":400214919,"scaled":true,"alt":3704,)"
       R"("speed":168,"accuracy":true,"lon":60.969937,"lat":-99.423647,"course":296.4,)"
       R"("second":31,"regional":211,"dte":1,"raim":false,"radio":844778})"},
      {";5NDk68>1pJtJ68HggG88R4fP0GP", 0,
       R"({"class":"AIS","type":11,"repeat":0,"mmsi":367342360,"scaled":true,)"
       R"("timestamp":"8416-07-16T26:60:26Z","accuracy":false,"lon":85.718172,)"
       R"("lat":-71.430600,"epfd":4,"epfd_text":"Loran-C","raim":false,"radio":1504})"},
      {"@TFtghNJ4G5?C7mV", 0,
       R"({"class":"AIS","type":16,"repeat":2,"mmsi":292499393,"scaled":true,)"
       R"("mmsi1":646208595,"offset1":3377,"increment1":982,"mmsi2":0,"offset2":0,)"
       R"("increment2":0})"},
  };
  for (const auto& c : cases) {
    const DecodedMessage d = decoded(c.payload, c.fill);
    EXPECT_EQ(to_json(d), std::string(c.gpsd) + "\n") << c.payload;
  }
}

TEST(JsonWriter, TypeOneValues) {
  DecodedMessage d = decoded("15N1u<PP1FJuvSRHOE6QIwwh0HQ6", 0);
  d.channel = 'A';
  const json j = parsed(d);
  EXPECT_EQ(j["class"], "AIS");
  EXPECT_EQ(j["type"], 1);
  EXPECT_EQ(j["mmsi"], 367033650);
  EXPECT_EQ(j["scaled"], true);
  EXPECT_DOUBLE_EQ(j["speed"].get<double>(), 8.6);
  EXPECT_NEAR(j["lon"].get<double>(), -70.346905, 1e-9);  // printed with 6 decimals
  EXPECT_NEAR(j["lat"].get<double>(), 42.798550, 1e-9);
  EXPECT_DOUBLE_EQ(j["course"].get<double>(), 35.9);
  EXPECT_EQ(j["heading"], 511);
  EXPECT_EQ(j["channel"], "A");
  EXPECT_FALSE(j.contains("device"));
  EXPECT_FALSE(j.contains("station"));
  EXPECT_FALSE(j.contains("received_ms"));
  EXPECT_FALSE(j.contains("time_source"));
}

TEST(JsonWriter, ReceptionFieldsOnlyWhenKnown) {
  DecodedMessage d = decoded("15N1u<PP1FJuvSRHOE6QIwwh0HQ6", 0);
  d.channel = 'B';
  d.station.assign("rORBCOMM104");
  d.receive_time_ms = 1418172113000;
  d.time_source = nmea::TimeSource::tag_block;
  d.own_ship = true;
  const std::string text = to_json(d);
  EXPECT_NE(text.find(R"("radio":100422,"channel":"B","station":"rORBCOMM104",)"
                      R"("received_ms":1418172113000,"time_source":"tag_block","own_ship":true})"),
            std::string::npos)
      << text;
  d.time_source = nmea::TimeSource::trailing_epoch;
  d.receive_time_ms = -1000;  // before 1970: still an integer
  const json j = parsed(d);
  EXPECT_EQ(j["time_source"], "trailing_epoch");
  EXPECT_EQ(j["received_ms"], -1000);
}

TEST(JsonWriter, NotAvailableAsGpsdPrintsIt) {
  // Types 1-3: "nan" for turn and speed, raw codes for position, course and heading.
  const json p = parsed(with(ais::PositionReport{}, 1));
  EXPECT_EQ(p["turn"], "nan");
  EXPECT_EQ(p["speed"], "nan");
  EXPECT_DOUBLE_EQ(p["lon"].get<double>(), 181.0);
  EXPECT_DOUBLE_EQ(p["lat"].get<double>(), 91.0);
  EXPECT_DOUBLE_EQ(p["course"].get<double>(), 360.0);
  EXPECT_EQ(p["heading"], 511);
  EXPECT_EQ(p["second"], 60);
  EXPECT_NE(to_json(with(ais::PositionReport{}, 1)).find(R"("lon":181.000000,"lat":91.000000)"),
            std::string::npos);

  ais::PositionReport fast;
  fast.speed_kn = 102.2;
  fast.turn_raw = 127;
  EXPECT_EQ(parsed(with(fast, 1))["speed"], "fast");
  EXPECT_EQ(parsed(with(fast, 1))["turn"], "fastright");
  fast.turn_raw = -127;
  EXPECT_EQ(parsed(with(fast, 1))["turn"], "fastleft");

  // Types 18/19: speed printed as the raw 1023 scaled.
  const json b = parsed(with(ais::ClassBPosition{}, 18));
  EXPECT_DOUBLE_EQ(b["speed"].get<double>(), 102.3);
  EXPECT_DOUBLE_EQ(b["course"].get<double>(), 360.0);
  EXPECT_EQ(b["heading"], 511);

  // Type 9: "nan", and "high"/"fast" for the top codes.
  EXPECT_EQ(parsed(with(ais::SarAircraftPosition{}, 9))["alt"], "nan");
  EXPECT_EQ(parsed(with(ais::SarAircraftPosition{}, 9))["speed"], "nan");
  ais::SarAircraftPosition sar;
  sar.altitude_m = 4094;
  sar.speed_kn = 1022;
  EXPECT_EQ(parsed(with(sar, 9))["alt"], "high");
  EXPECT_EQ(parsed(with(sar, 9))["speed"], "fast");

  // Type 5: draught 0.0, ETA of n/a codes.
  const json s = parsed(with(ais::StaticVoyage{}, 5));
  EXPECT_DOUBLE_EQ(s["draught"].get<double>(), 0.0);
  EXPECT_EQ(s["eta"], "00-00T24:60Z");

  // Type 27: raw codes.
  const json l = parsed(with(ais::LongRangePosition{}, 27));
  EXPECT_DOUBLE_EQ(l["lon"].get<double>(), 181.0);
  EXPECT_DOUBLE_EQ(l["lat"].get<double>(), 91.0);
  EXPECT_EQ(l["speed"], 63);
  EXPECT_EQ(l["course"], 511);
  EXPECT_EQ(l["status"], 15);
  EXPECT_EQ(l["status_text"], "Not defined");
}

TEST(JsonWriter, EscapesQuotesAndBackslashes) {
  ais::StaticVoyage v;
  v.shipname.assign(R"(SAY "HI" \ BYE)");
  v.callsign.assign(R"(A"\)");
  v.destination.assign(R"(\\")");
  const json j = parsed(with(v, 5));
  EXPECT_EQ(j["shipname"], R"(SAY "HI" \ BYE)");
  EXPECT_EQ(j["callsign"], R"(A"\)");
  EXPECT_EQ(j["destination"], R"(\\")");

  ais::SafetyBroadcast t;
  t.text.assign(R"("\"\)");
  EXPECT_EQ(parsed(with(t, 14))["text"], R"("\"\)");

  // Station ids come from the input: control and non-ASCII bytes must still give JSON.
  DecodedMessage d = with(ais::UtcInquiry{}, 10);
  d.station.assign(std::string_view("a\"b\\c\t\x01\xff", 8));
  d.channel = '"';
  const json s = parsed(d);
  EXPECT_EQ(s["station"], "a\"b\\c\t\x01\xc3\xbf");  // 0xFF read as Latin-1
  EXPECT_EQ(s["channel"], "\"");
}

TEST(JsonWriter, EveryTypeIsValidJsonWithItsType) {
  const std::vector<DecodedMessage> all = {
      with(ais::PositionReport{}, 1),      with(ais::PositionReport{}, 2),
      with(ais::PositionReport{}, 3),      with(ais::BaseStationReport{}, 4),
      with(ais::StaticVoyage{}, 5),        with(ais::BinaryAddressed{}, 6),
      with(ais::BinaryAck{}, 7),           with(ais::BinaryBroadcast{}, 8),
      with(ais::SarAircraftPosition{}, 9), with(ais::UtcInquiry{}, 10),
      with(ais::BaseStationReport{}, 11),  with(ais::SafetyAddressed{}, 12),
      with(ais::BinaryAck{}, 13),          with(ais::SafetyBroadcast{}, 14),
      with(ais::Interrogation{}, 15),      with(ais::AssignmentCommand{}, 16),
      with(ais::DgnssBroadcast{}, 17),     with(ais::ClassBPosition{}, 18),
      with(ais::ClassBExtended{}, 19),     with(ais::DataLinkManagement{}, 20),
      with(ais::AidToNavigation{}, 21),    with(ais::ChannelManagement{}, 22),
      with(ais::GroupAssignment{}, 23),    with(ais::StaticDataReport{}, 24),
      with(ais::SingleSlotBinary{}, 25),   with(ais::MultiSlotBinary{}, 26),
      with(ais::LongRangePosition{}, 27),
  };
  ASSERT_EQ(all.size(), 27U);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const json j = parsed(all[i]);
    EXPECT_EQ(j["type"], i + 1);
    EXPECT_EQ(j["class"], "AIS");
    EXPECT_EQ(j["mmsi"], 123456789);
  }
  // And every real example of libais' typeexamples.nmea.
  const std::vector<std::pair<const char*, std::uint8_t>> payloads = {
      {"B5MiOp0006g4up6:EV403wr5oP06", 0},
      {"H5MiOp1:uJ0MDhJ0<P4hhDpLE80", 2},
      {"71AqOpwIFFI:vJCjWejS9I:QGsFw", 0},
      {"KvQ:1o`7EBrBQ`?w", 0},
      {"AwoiGRg:tOw>>9n5f9u>rOvwkraEe6ON", 0},
      {"?w>DNkiVT>Qp8eMvd@", 4},
      {"DD2r994wluqiIJv<ah", 4},
      {"J?Amrcw9LwuO7b9nHgeD?SVS5U8doUvtuwAQ", 0},
      {"G<U;5jqWt?Moo=qw958B4dkOC;T", 2},
      {"E<eNSpRtjkGoqmIsgm`>ekv92?KN9R<Man9UV;cwLhuFLh", 4},
      {"2T8Mur>pJNw77ks5q?7mdfhoOgMo", 0},
      {"F030p>R2N2P6jIA`2eTjS@520000", 0},
  };
  for (const auto& [payload, fill] : payloads) {
    const DecodedMessage d = decoded(payload, fill);
    EXPECT_EQ(parsed(d)["type"], ais::message_type(d.message)) << payload;
  }
}

TEST(JsonWriter, TypeSpecificForms) {
  // Type 22: corners as numbers in the area form, dest1/dest2 in the addressed form.
  ais::ChannelManagement area;
  area.ne_lon_deg = -110400.0 / 600.0;
  area.sw_lat_deg = 1.0 / 600.0;
  const json a = parsed(with(area, 22));
  EXPECT_NEAR(a["ne_lon"].get<double>(), -184.0, 1e-9);
  EXPECT_NEAR(a["sw_lat"].get<double>(), 0.001667, 1e-9);
  EXPECT_FALSE(a.contains("dest1"));
  ais::ChannelManagement addressed;
  addressed.addressed = true;
  addressed.dest1 = 111;
  addressed.dest2 = 222;
  const json b = parsed(with(addressed, 22));
  EXPECT_EQ(b["dest1"], 111);
  EXPECT_EQ(b["dest2"], 222);
  EXPECT_FALSE(b.contains("ne_lon"));

  // Type 24: each part on its own, "part" says which; auxiliary craft get mothership_mmsi.
  ais::StaticDataReport part_a;
  part_a.shipname.assign("NAME");
  const json pa = parsed(with(part_a, 24));
  EXPECT_EQ(pa["part"], "A");
  EXPECT_EQ(pa["shipname"], "NAME");
  EXPECT_FALSE(pa.contains("shiptype"));
  ais::StaticDataReport part_b;
  part_b.partno = 1;
  part_b.mothership_mmsi = 244000000;
  part_b.to_bow_m = 3;
  const json pb = parsed(with(part_b, 24, 982440000));
  EXPECT_EQ(pb["part"], "B");
  EXPECT_EQ(pb["mothership_mmsi"], 244000000);
  EXPECT_FALSE(pb.contains("to_bow"));
  const json pc = parsed(with(part_b, 24, 244000001));
  EXPECT_EQ(pc["to_bow"], 3);
  EXPECT_FALSE(pc.contains("mothership_mmsi"));
  EXPECT_FALSE(pc.contains("shipname"));

  // Type 25/26: app_id = dac << 6 | fid when structured.
  ais::SingleSlotBinary ssb;
  ssb.structured = true;
  ssb.dac = 1;
  ssb.fid = 2;
  EXPECT_EQ(parsed(with(ssb, 25))["app_id"], 66);
  ssb.structured = false;
  EXPECT_EQ(parsed(with(ssb, 25))["app_id"], 0);

  // Type 21: gpsd's name rule (name cut at '@'; extension only after 20 characters).
  ais::AidToNavigation aid;
  aid.name.assign("SPACE PADDED        ");
  aid.name_ext.assign("EXT");
  EXPECT_EQ(parsed(with(aid, 21))["name"], "SPACE PADDED        EXT");
  aid.name_ext.assign("   ");
  EXPECT_EQ(parsed(with(aid, 21))["name"], "SPACE PADDED");
  aid.name.assign("SHORT@NAME");
  aid.name_ext.assign("EXT");
  EXPECT_EQ(parsed(with(aid, 21))["name"], "SHORT");

  // Rate of turn keeps its sign (gpsd 3.22 drops it; see docs/formats.md).
  ais::PositionReport turning;
  turning.turn_raw = -43;
  EXPECT_EQ(parsed(with(turning, 1))["turn"], -83);
  turning.turn_raw = -1;
  EXPECT_EQ(parsed(with(turning, 1))["turn"], 0);
  EXPECT_EQ(to_json(with(turning, 1)).find("-0"), std::string::npos);
}

TEST(JsonWriter, AppendsWithoutTouchingWhatIsThere) {
  std::string out = "prefix\n";
  const DecodedMessage d = decoded("15N1u<PP1FJuvSRHOE6QIwwh0HQ6", 0);
  append_json(out, d);
  append_json(out, d);
  const std::string one = to_json(d);
  EXPECT_EQ(out, "prefix\n" + one + one);
  // Once the buffer has grown, appending does not reallocate.
  out.clear();
  out.reserve(1 << 16);
  const auto* data = out.data();
  for (int i = 0; i < 100; ++i) append_json(out, d);
  EXPECT_EQ(out.data(), data);
}

// ---- the number formatting helpers against printf ------------------------------------

// printf's "%.<decimals>f" of `value`.
std::string printf_fixed(int decimals, double value) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, value);
  return buf;
}

std::string fmt_1e4(std::int64_t raw) {
  char buf[64];
  detail::TextOut out{buf};
  detail::write_deg_1e4min(out, static_cast<double>(raw) / 600000.0, 181);
  return {buf, out.p};
}

std::string fmt_10(std::int64_t raw) {
  char buf[64];
  detail::TextOut out{buf};
  detail::write_deg_10min(out, static_cast<double>(raw) / 600.0);
  return {buf, out.p};
}

TEST(TextFormat, CoordinatesMatchPrintf) {
  // Every 1/10000-minute value near the edges and zero, and a sweep in between.
  std::vector<std::int64_t> raws;
  for (std::int64_t r = -3000; r <= 3000; ++r) raws.push_back(r);
  for (std::int64_t r = -108600000; r <= 108600000; r += 99991) raws.push_back(r);
  for (std::int64_t r = 108600000 - 3000; r <= 108600000; ++r) raws.push_back(r);
  for (std::int64_t r = -(1LL << 27); r < -(1LL << 27) + 3000; ++r) raws.push_back(r);
  for (const std::int64_t r : raws) {
    std::string expected = printf_fixed(6, static_cast<double>(r) / 600000.0);
    if (expected == "-0.000000") expected = "0.000000";
    ASSERT_EQ(fmt_1e4(r), expected) << r;
  }
  // 1/10-minute fields (types 17, 22, 23, 27), printf "%f" (6 decimals).
  for (std::int64_t r = -(1 << 17); r < (1 << 17); ++r) {
    std::string expected = printf_fixed(6, static_cast<double>(r) / 600.0);
    if (expected == "-0.000000") expected = "0.000000";
    ASSERT_EQ(fmt_10(r), expected) << r;
  }
}

TEST(TextFormat, TenthsMatchPrintf) {
  for (int raw = 0; raw < 4096; ++raw) {
    char buf[32];
    detail::TextOut out{buf};
    detail::write_tenths(out, raw / 10.0);
    ASSERT_EQ(std::string(buf, out.p), printf_fixed(1, raw / 10.0)) << raw;
  }
}

TEST(TextFormat, TurnMatchesGpsdFormula) {
  for (int raw = -126; raw <= 126; ++raw) {
    const double rot = raw / 4.733;
    const auto expected = static_cast<int>(std::stoi(printf_fixed(0, rot * rot)));
    const int got = detail::turn_deg_per_min_rounded(static_cast<std::int8_t>(raw));
    EXPECT_EQ(got < 0 ? -got : got, expected) << raw;
    EXPECT_EQ(got < 0, raw < 0 && expected != 0) << raw;
  }
}

TEST(TextFormat, Integers) {
  const std::vector<std::uint64_t> values = {
      0, 1, 9, 10, 99, 100, 999, 1000, 123456789, 4294967295ULL, 18446744073709551615ULL};
  for (const auto v : values) {
    char buf[32];
    detail::TextOut out{buf};
    out.u64(v);
    EXPECT_EQ(std::string(buf, out.p), std::to_string(v));
  }
  char buf[32];
  detail::TextOut out{buf};
  out.i64(-9223372036854775807LL - 1);
  EXPECT_EQ(std::string(buf, out.p), "-9223372036854775808");
  detail::TextOut padded{buf};
  padded.u32_padded(7, 4);
  padded.u32_padded(12345, 4);
  padded.u32_padded(5, 2);
  EXPECT_EQ(std::string(buf, padded.p), "00071234505");
}

TEST(TextFormat, LegendsAsGpsd) {
  EXPECT_EQ(detail::status_text(3), "Restricted manoeuverability");
  EXPECT_EQ(detail::status_text(14), "Reserved");
  EXPECT_EQ(detail::shiptype_text(0), "Not available");
  EXPECT_EQ(detail::shiptype_text(19), "Reserved for future use");
  EXPECT_EQ(detail::shiptype_text(27), "Wing in ground (WIG) - Reserved for future use");
  EXPECT_EQ(detail::shiptype_text(32), "Towing: length exceeds 200m or breadth exceeds 25m");
  EXPECT_EQ(detail::shiptype_text(39), "Reserved");
  EXPECT_EQ(detail::shiptype_text(57), "Spare - Local Vessel");
  EXPECT_EQ(detail::shiptype_text(99), "Other Type - no additional information");
  EXPECT_EQ(detail::shiptype_text(100), "INVALID SHIP TYPE");
  EXPECT_EQ(detail::epfd_text(8), "Galileo");
  EXPECT_EQ(detail::epfd_text(9), "INVALID EPFD");
  EXPECT_EQ(detail::aid_type_text(4), "Spare, Reserved for future use.");
  EXPECT_EQ(detail::aid_type_text(31), "Light Vessel / LANBY / Rigs");
  EXPECT_EQ(detail::stationtype_text(1), "Reserved for future use");
  EXPECT_EQ(detail::stationtype_text(9), "Regional use and inland waterways");
  EXPECT_EQ(detail::stationtype_text(15), "Reserved for future use");
}

}  // namespace
}  // namespace darkfleet::io
