// Encoder tests: a hand-built message gives the real payload, "not available" codes for
// empty optionals, text padding, clamping of out-of-range values, the alternative type 24
// vendor id form, and the short type 5.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "bits.hpp"
#include "darkfleet/ais/decode.hpp"
#include "darkfleet/ais/encode.hpp"
#include "test_util.hpp"

namespace darkfleet::ais {
namespace {

detail::BitReader reader(const std::string& payload, std::uint8_t fill) {
  detail::BitReader r;
  EXPECT_TRUE(r.load(payload, fill));
  return r;
}

detail::BitReader reader(const Message& message) {
  const test::Encoded e = test::encode(message);
  return reader(e.payload, e.fill_bits);
}

TEST(AisEncode, HandBuiltPositionReportGivesTheRealPayload) {
  // typeexamples line 2, values as gpsdecode -u prints them
  PositionReport m;
  m.header = {1, 0, 367033650};
  m.status = 0;
  m.turn_raw = -128;
  m.speed_kn = 8.6;
  m.accuracy = false;
  m.lon_deg = -42208143 / 600000.0;
  m.lat_deg = 25679130 / 600000.0;
  m.course_deg = 35.9;
  m.heading_deg = std::nullopt;
  m.second = 56;
  m.maneuver = 0;
  m.raim = false;
  m.radio = 100422;
  std::uint8_t fill = 9;
  EXPECT_EQ(encode_payload(m, fill), "15N1u<PP1FJuvSRHOE6QIwwh0HQ6");
  EXPECT_EQ(fill, 0);
}

TEST(AisEncode, EmptyOptionalsWriteNotAvailableCodes) {
  PositionReport p;
  p.header = {1, 0, 1};
  std::uint8_t fill = 0;
  const auto payload = encode_payload(p, fill);
  const auto r = reader(payload, fill);
  EXPECT_EQ(r.s(42, 8), -128);        // turn
  EXPECT_EQ(r.u(50, 10), 1023U);      // speed
  EXPECT_EQ(r.s(61, 28), 108600000);  // lon 181
  EXPECT_EQ(r.s(89, 27), 54600000);   // lat 91
  EXPECT_EQ(r.u(116, 12), 3600U);     // course
  EXPECT_EQ(r.u(128, 9), 511U);       // heading

  SarAircraftPosition s;
  s.header = {9, 0, 1};
  const auto rs = reader(s);
  EXPECT_EQ(rs.u(38, 12), 4095U);  // altitude
  EXPECT_EQ(rs.u(50, 10), 1023U);  // speed

  LongRangePosition l;
  l.header = {27, 0, 1};
  const auto rl = reader(l);
  EXPECT_EQ(rl.s(44, 18), 108600);  // lon 181 in 1/10 min
  EXPECT_EQ(rl.s(62, 17), 54600);
  EXPECT_EQ(rl.u(79, 6), 63U);
  EXPECT_EQ(rl.u(85, 9), 511U);

  StaticVoyage v;
  v.header = {5, 0, 1};
  const auto rv = reader(v);
  EXPECT_EQ(rv.u(294, 8), 0U);  // draught n/a
  EXPECT_EQ(rv.size(), 424U);

  DgnssBroadcast d;
  d.header = {17, 0, 1};
  const auto rd = reader(d);
  EXPECT_EQ(rd.s(40, 18), 108600);
  EXPECT_EQ(rd.s(58, 17), 54600);
}

TEST(AisEncode, NaNAndOutOfRangeValuesStayInTheirFields) {
  PositionReport p;
  p.header = {1, 0, 1};
  p.speed_kn = std::numeric_limits<double>::quiet_NaN();  // -> n/a
  p.lon_deg = 1e300;                                      // -> clamped to the 28-bit maximum
  p.lat_deg = -1e300;
  p.course_deg = -5.0;  // -> 0
  std::uint8_t fill = 0;
  const auto payload = encode_payload(p, fill);
  const auto r = reader(payload, fill);
  EXPECT_EQ(r.u(50, 10), 1023U);
  EXPECT_EQ(r.s(61, 28), (1 << 27) - 1);
  EXPECT_EQ(r.s(89, 27), -(1 << 26));
  EXPECT_EQ(r.u(116, 12), 0U);
  EXPECT_EQ(r.size(), 168U);  // neighbouring fields untouched: still a 168-bit message
  // integers wider than their field are cut to the field
  p.status = 0xFF;
  const auto r2 = reader(p);
  EXPECT_EQ(r2.u(38, 4), 15U);
  EXPECT_EQ(r2.s(42, 8), -128);
}

TEST(AisEncode, FixedWidthTextIsPaddedWithAt) {
  StaticVoyage v;
  v.header = {5, 0, 1};
  v.shipname.assign("ABC");
  v.callsign.assign("call");
  const auto d = std::get<StaticVoyage>(test::reencode(v));
  EXPECT_EQ(test::raw(d.shipname), "ABC" + std::string(17, '@'));
  EXPECT_EQ(d.shipname.view(), "ABC");
  EXPECT_EQ(d.callsign.view(), "CALL");
}

TEST(AisEncode, VariableTextWritesExactlyItsLength) {
  SafetyBroadcast m;
  m.header = {14, 0, 970210000};
  m.text.assign("SART TEST");
  std::uint8_t fill = 0;
  const auto payload = encode_payload(m, fill);
  EXPECT_EQ(payload.size() * 6 - fill, 40U + 9 * 6);
  EXPECT_EQ(std::get<SafetyBroadcast>(*decode(payload, fill)).text.view(), "SART TEST");
}

TEST(AisEncode, StaticDataReportVendorIdForms) {
  StaticDataReport m;
  m.header = {24, 0, 219006397};
  m.partno = 1;
  m.vendorid.assign("SRT");
  m.model = 3;
  m.serial = 602195;
  const auto d = std::get<StaticDataReport>(test::reencode(m));
  EXPECT_EQ(d.model, 3);
  EXPECT_EQ(d.serial, 602195U);
  EXPECT_EQ(d.vendorid.view().substr(0, 3), "SRT");
  EXPECT_EQ(d.vendorid.length, 7);
  // the 7-character form is written as is (model and serial ignored)
  m.vendorid.assign("TRANSAS");
  m.model = 0;
  m.serial = 0;
  const auto e = std::get<StaticDataReport>(test::reencode(m));
  EXPECT_EQ(e.vendorid.view(), "TRANSAS");
  EXPECT_EQ(e.model, 3);  // "TRANSAS" happens to hold model 3, serial 602195 (gpsdecode)
  EXPECT_EQ(e.serial, 602195U);
}

TEST(AisEncode, ShortStaticVoyageIsWrittenShort) {
  StaticVoyage v;
  v.header = {5, 0, 1};
  v.dte = false;
  v.missing_bits = 4;
  std::uint8_t fill = 9;
  const auto payload = encode_payload(v, fill);
  EXPECT_EQ(payload.size(), 70U);
  EXPECT_EQ(fill, 0);
  EXPECT_EQ(std::get<StaticVoyage>(*decode(payload, fill)).missing_bits, 4);
}

TEST(AisEncode, AppendPayloadAppends) {
  std::string out = "prefix:";
  UtcInquiry m;
  m.header = {10, 1, 786291892};
  m.dest_mmsi = 417764534;
  m.spare = 2;
  const std::uint8_t fill = append_payload(out, m);
  EXPECT_EQ(fill, 0);
  EXPECT_EQ(out, "prefix::KeoLe9SVU;H");  // typeexamples line 22
}

}  // namespace
}  // namespace darkfleet::ais
