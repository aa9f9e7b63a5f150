// Tests of append_csv_header / append_csv: a constant column count for every type, RFC 4180
// quoting, values and units of the position and static columns, empty cells.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "darkfleet/ais/decode.hpp"
#include "darkfleet/io/message_writers.hpp"
#include "writer_test_support.hpp"

namespace darkfleet::io {
namespace {

using testing::decoded;
using testing::with;

// Splits one CSV record (RFC 4180, without its line end) into fields.
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      EXPECT_TRUE(field.empty()) << "quote inside an unquoted field: " << line;
      quoted = true;
    } else if (c == ',') {
      fields.push_back(field);
      field.clear();
    } else {
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quote: " << line;
  fields.push_back(field);
  return fields;
}

std::vector<std::string> header() {
  std::string h;
  append_csv_header(h);
  EXPECT_EQ(h.back(), '\n');
  h.pop_back();
  return split_csv(h);
}

// The row for `d` as a map column -> value.
std::map<std::string, std::string> row(const DecodedMessage& d) {
  std::string text;
  append_csv(text, d);
  EXPECT_EQ(text.back(), '\n');
  text.pop_back();
  const std::vector<std::string> names = header();
  const std::vector<std::string> values = split_csv(text);
  EXPECT_EQ(values.size(), names.size()) << text;
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) out[names[i]] = values[i];
  return out;
}

TEST(CsvWriter, HeaderNamesTheColumns) {
  const std::vector<std::string> names = header();
  ASSERT_EQ(names.size(), 39U);
  EXPECT_EQ(names.front(), "type");
  EXPECT_EQ(names[2], "mmsi");
  const std::vector<std::string> expected = {
      "received_ms", "time_source",  "station",  "channel",     "status",  "turn",     "speed",
      "accuracy",    "lon",          "lat",      "course",      "heading", "second",   "shipname",
      "callsign",    "imo",          "shiptype", "destination", "draught", "to_bow",   "to_stern",
      "to_port",     "to_starboard", "eta",      "epfd",        "part",    "aid_type", "timestamp"};
  for (const auto& name : expected) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
}

TEST(CsvWriter, EveryTypeHasTheSameColumnCount) {
  const std::vector<DecodedMessage> all = {
      with(ais::PositionReport{}, 1),      with(ais::BaseStationReport{}, 4),
      with(ais::StaticVoyage{}, 5),        with(ais::BinaryAddressed{}, 6),
      with(ais::BinaryAck{}, 7),           with(ais::BinaryBroadcast{}, 8),
      with(ais::SarAircraftPosition{}, 9), with(ais::UtcInquiry{}, 10),
      with(ais::SafetyAddressed{}, 12),    with(ais::SafetyBroadcast{}, 14),
      with(ais::Interrogation{}, 15),      with(ais::AssignmentCommand{}, 16),
      with(ais::DgnssBroadcast{}, 17),     with(ais::ClassBPosition{}, 18),
      with(ais::ClassBExtended{}, 19),     with(ais::DataLinkManagement{}, 20),
      with(ais::AidToNavigation{}, 21),    with(ais::ChannelManagement{}, 22),
      with(ais::GroupAssignment{}, 23),    with(ais::StaticDataReport{}, 24),
      with(ais::SingleSlotBinary{}, 25),   with(ais::MultiSlotBinary{}, 26),
      with(ais::LongRangePosition{}, 27),
  };
  const std::size_t columns = header().size();
  for (const auto& d : all) {
    std::string text;
    append_csv(text, d);
    ASSERT_EQ(text.back(), '\n');
    EXPECT_EQ(text.find('\n'), text.size() - 1);
    text.pop_back();
    const auto fields = split_csv(text);
    EXPECT_EQ(fields.size(), columns) << text;
    EXPECT_EQ(fields[0], std::to_string(ais::message_type(d.message)));
  }
}

TEST(CsvWriter, PositionReport) {
  DecodedMessage d = decoded("15N1u<PP1FJuvSRHOE6QIwwh0HQ6", 0);
  d.channel = 'A';
  d.station.assign("r003669946");
  d.receive_time_ms = 1325394060000;
  d.time_source = nmea::TimeSource::trailing_epoch;
  const auto r = row(d);
  EXPECT_EQ(r.at("type"), "1");
  EXPECT_EQ(r.at("repeat"), "0");
  EXPECT_EQ(r.at("mmsi"), "367033650");
  EXPECT_EQ(r.at("received_ms"), "1325394060000");
  EXPECT_EQ(r.at("time_source"), "trailing_epoch");
  EXPECT_EQ(r.at("station"), "r003669946");
  EXPECT_EQ(r.at("channel"), "A");
  EXPECT_EQ(r.at("status"), "0");
  EXPECT_EQ(r.at("turn"), "");  // not available
  EXPECT_EQ(r.at("speed"), "8.6");
  EXPECT_EQ(r.at("accuracy"), "0");
  EXPECT_EQ(r.at("lon"), "-70.346905");
  EXPECT_EQ(r.at("lat"), "42.798550");
  EXPECT_EQ(r.at("course"), "35.9");
  EXPECT_EQ(r.at("heading"), "");  // 511
  EXPECT_EQ(r.at("second"), "56");
  EXPECT_EQ(r.at("shipname"), "");
  EXPECT_EQ(r.at("imo"), "");
}

TEST(CsvWriter, NotAvailableIsEmpty) {
  const auto r = row(with(ais::PositionReport{}, 1));
  for (const char* column : {"turn", "speed", "lon", "lat", "course", "heading", "received_ms",
                             "time_source", "station", "channel"}) {
    EXPECT_EQ(r.at(column), "") << column;
  }
  ais::PositionReport fast;
  fast.turn_raw = 127;
  EXPECT_EQ(row(with(fast, 1)).at("turn"), "");
  fast.turn_raw = -43;
  EXPECT_EQ(row(with(fast, 1)).at("turn"), "-83");
  const auto s = row(with(ais::StaticVoyage{}, 5));
  EXPECT_EQ(s.at("draught"), "");
  EXPECT_EQ(s.at("imo"), "");
  EXPECT_EQ(s.at("eta"), "00-00T24:60Z");
}

TEST(CsvWriter, StaticVoyage) {
  const auto r =
      row(decoded("53eaFL02?;fwTPm7V219E@R1@PE8E<622222221@9hG1A7?@NCPSlm3kc5DhH8888888880", 2));
  EXPECT_EQ(r.at("imo"), "9383663");
  EXPECT_EQ(r.at("callsign"), "9HMQ9");
  EXPECT_EQ(r.at("shipname"), "RUTH THERESA");
  EXPECT_EQ(r.at("shiptype"), "80");
  EXPECT_EQ(r.at("to_bow"), "78");
  EXPECT_EQ(r.at("to_stern"), "23");
  EXPECT_EQ(r.at("to_port"), "1");
  EXPECT_EQ(r.at("to_starboard"), "17");
  EXPECT_EQ(r.at("epfd"), "1");
  EXPECT_EQ(r.at("eta"), "12-30T16:30Z");
  EXPECT_EQ(r.at("draught"), "7.8");
  EXPECT_EQ(r.at("destination"), "BOSTON,USA");  // quoted in the text, see below
  EXPECT_EQ(r.at("dte"), "0");
  EXPECT_EQ(r.at("lat"), "");
}

TEST(CsvWriter, QuotesFieldsWithCommasAndQuotes) {
  ais::StaticVoyage v;
  v.shipname.assign(R"(SAY "HI", BYE)");
  v.destination.assign("A,B");
  v.callsign.assign(R"(\")");
  DecodedMessage d = with(v, 5);
  d.station.assign("st,\"x\"");
  std::string text;
  append_csv(text, d);
  EXPECT_NE(text.find(R"("SAY ""HI"", BYE")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("A,B")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("\""")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("st,""x""")"), std::string::npos) << text;
  const auto r = row(d);
  EXPECT_EQ(r.at("shipname"), R"(SAY "HI", BYE)");
  EXPECT_EQ(r.at("destination"), "A,B");
  EXPECT_EQ(r.at("callsign"), R"(\")");
  EXPECT_EQ(r.at("station"), "st,\"x\"");
}

TEST(CsvWriter, OtherTypes) {
  ais::StaticDataReport b;
  b.partno = 1;
  b.shiptype = 37;
  b.callsign.assign("CALL");
  b.mothership_mmsi = 244000000;
  const auto aux = row(with(b, 24, 982440000));
  EXPECT_EQ(aux.at("part"), "B");
  EXPECT_EQ(aux.at("mothership_mmsi"), "244000000");
  EXPECT_EQ(aux.at("to_bow"), "");
  EXPECT_EQ(aux.at("shiptype"), "37");
  EXPECT_EQ(aux.at("callsign"), "CALL");

  ais::AidToNavigation aid;
  aid.name.assign("BUOY, NO 1");
  aid.aid_type = 24;
  aid.virtual_aid = true;
  aid.lon_deg = -1.5;
  aid.lat_deg = 50.25;
  const auto a = row(with(aid, 21));
  EXPECT_EQ(a.at("shipname"), "BUOY, NO 1");
  EXPECT_EQ(a.at("aid_type"), "24");
  EXPECT_EQ(a.at("virtual_aid"), "1");
  EXPECT_EQ(a.at("off_position"), "0");
  EXPECT_EQ(a.at("lon"), "-1.500000");
  EXPECT_EQ(a.at("lat"), "50.250000");

  ais::SarAircraftPosition sar;
  sar.altitude_m = 3704;
  sar.speed_kn = 168;
  EXPECT_EQ(row(with(sar, 9)).at("alt"), "3704");
  EXPECT_EQ(row(with(sar, 9)).at("speed"), "168");

  ais::BaseStationReport base;
  base.year = 2010;
  base.month = 6;
  base.day = 11;
  base.hour = 11;
  base.minute = 45;
  base.second = 24;
  EXPECT_EQ(row(with(base, 4)).at("timestamp"), "2010-06-11T11:45:24Z");

  ais::LongRangePosition lr;
  lr.lon_deg = 120120.0 / 600.0;
  lr.speed_kn = 16;
  lr.course_deg = 255;
  const auto l = row(with(lr, 27));
  EXPECT_EQ(l.at("lon"), "200.200000");
  EXPECT_EQ(l.at("lat"), "");
  EXPECT_EQ(l.at("speed"), "16");
  EXPECT_EQ(l.at("course"), "255");
}

}  // namespace
}  // namespace darkfleet::io
