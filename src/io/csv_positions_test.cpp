#include "darkfleet/io/csv_positions.hpp"

#include <gtest/gtest.h>

namespace darkfleet::io {
namespace {

constexpr std::string_view k_noaa_header =
    "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
    "Length,Width,Draft,Cargo,TransceiverClass";
constexpr std::string_view k_dma_header =
    "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,"
    "IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,"
    "Destination,ETA,Data source type,A,B,C,D";
constexpr std::string_view k_noaa2024_header =
    "mmsi,base_date_time,longitude,latitude,sog,cog,heading,vessel_name,imo,call_sign,"
    "vessel_type,status,length,width,draft,cargo,transceiver";

TEST(CsvPositions, DetectsTheKnownLayouts) {
  EXPECT_EQ(CsvPositionParser::detect(k_noaa_header), CsvLayout::noaa);
  EXPECT_EQ(CsvPositionParser::detect(k_dma_header), CsvLayout::dma);
  EXPECT_EQ(CsvPositionParser::detect(k_noaa2024_header), CsvLayout::noaa2024);
  // NYHarbor's column order and its "TranscieverClass" spelling.
  EXPECT_EQ(CsvPositionParser::detect("BaseDateTime,LON,LAT,MMSI,SOG,COG,Heading,VesselName,IMO,"
                                      "CallSign,VesselType,Status,Length,Width,Draft,Cargo,"
                                      "TranscieverClass,ETA"),
            CsvLayout::noaa);
  EXPECT_FALSE(CsvPositionParser::detect("a,b,c"));
}

TEST(CsvPositions, ParsesANoaaRow) {
  CsvPositionParser parser(k_noaa_header, std::nullopt);
  const auto r = parser.parse(
      "367379190,2022-01-03T00:00:00,30.3706,-88.56408,0,336.2,511,EAGLE,IMO8207721,WTD4583,31,0,"
      "28,11,3.3,52,A");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->mmsi, 367379190U);
  EXPECT_EQ(r->t_ms, 1641168000000);
  EXPECT_DOUBLE_EQ(r->lat_deg, 30.3706);
  EXPECT_DOUBLE_EQ(r->lon_deg, -88.56408);
  EXPECT_EQ(r->name, "EAGLE");
  EXPECT_EQ(r->imo, 8207721U);
  EXPECT_EQ(r->call_sign, "WTD4583");
  EXPECT_EQ(r->ship_type, 31U);
  EXPECT_EQ(r->status, 0U);
  EXPECT_DOUBLE_EQ(*r->draught_m, 3.3);
  EXPECT_DOUBLE_EQ(*r->cog_deg, 336.2);
}

TEST(CsvPositions, UndoesTheSignedCourseOfMarineCadastre2020) {
  CsvPositionParser parser("BaseDateTime,LON,LAT,MMSI,SOG,COG,Heading", std::nullopt);
  // CG SHRIKE, heading 349: COG -61.8 is 347.8.
  const auto r = parser.parse("2020-06-30T00:00:00,-74.02433,40.54291,366999618,19.0,-61.8,349.0");
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(*r->cog_deg, 347.8, 1e-9);
}

TEST(CsvPositions, ParsesADmaRowWithItsWords) {
  CsvPositionParser parser(k_dma_header, std::nullopt);
  const auto r = parser.parse(
      "01/05/2023 00:00:00,Class A,219000873,56.990910,10.304543,At anchor,0.0,0.0,302.9,101,"
      "Unknown,OXBG2,\"NORDIC, STAR\",Cargo,,12,89,GPS,4.5,AALBORG,01/05/2023 06:00:00,AIS,,,,");
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_EQ(r->t_ms, 1682899200000);
  EXPECT_EQ(r->status, 1U);
  EXPECT_EQ(r->imo, 0U);
  EXPECT_EQ(r->name, "NORDIC, STAR");
  EXPECT_EQ(r->ship_type, 70U);
  EXPECT_EQ(r->destination, "AALBORG");
}

TEST(CsvPositions, BadRowsAreValues) {
  CsvPositionParser parser(k_noaa_header, std::nullopt);
  const std::string good_tail = ",40.5,-74.0,1.0,90,90,,,,,,,,,,";
  EXPECT_EQ(parser.parse("1,2").error(), ErrorCode::bad_csv_row);
  EXPECT_EQ(parser.parse("367000001,\"2022").error(), ErrorCode::bad_csv_row);
  EXPECT_EQ(parser.parse("0,2022-01-03T00:00:00" + good_tail).error(), ErrorCode::bad_mmsi);
  EXPECT_EQ(parser.parse("1000000000,2022-01-03T00:00:00" + good_tail).error(), ErrorCode::bad_mmsi);
  EXPECT_EQ(parser.parse("367000001,2022-01-32T00:00:00" + good_tail).error(), ErrorCode::bad_time);
  EXPECT_EQ(parser.parse("367000001,2022-01-03T00:00:00,91,-74.0,1.0,90,90,,,,,,,,,,").error(),
            ErrorCode::bad_position);
  EXPECT_EQ(parser.parse("367000001,2022-01-03T00:00:00,40,-74.0,x,90,90,,,,,,,,,,").error(),
            ErrorCode::bad_number);
  EXPECT_TRUE(parser.parse("367000001,2022-01-03T00:00:00" + good_tail).has_value());
}

TEST(CsvPositions, ColumnSpecNamesTheColumns) {
  const auto spec = parse_column_spec("mmsi=Ship,time=When,lat=Y,lon=X,sog=Speed");
  CsvPositionParser parser("When,X,Y,Ship,Speed", CsvLayout::columns, &spec);
  const auto r = parser.parse("2024-02-29T12:00:00.250Z,5.5,-3.25,211000001,7.5");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->t_ms, 1709208000250);
  EXPECT_DOUBLE_EQ(*r->sog_kn, 7.5);
  EXPECT_THROW(parse_column_spec("mmsi=A,time=B,lat=C"), std::invalid_argument);
  EXPECT_THROW(parse_column_spec("mmsi=A,when=B,lat=C,lon=D"), std::invalid_argument);
  EXPECT_THROW(CsvPositionParser("When,X,Y", CsvLayout::columns, &spec), std::runtime_error);
}

TEST(CsvPositions, TimesRoundTripThroughIso) {
  for (const std::int64_t t : {0LL, 951782400000LL, 1709208000250LL, 4102444799000LL}) {
    const std::string iso = format_time_iso(t);
    const auto back = parse_time_ms(iso);
    ASSERT_TRUE(back.has_value()) << iso;
    EXPECT_EQ(*back, t) << iso;
  }
  EXPECT_EQ(format_time_iso(1641168000000), "2022-01-03T00:00:00Z");
  EXPECT_EQ(parse_time_ms("30/06/2020 00:00:01"), Result<std::int64_t>(1593475201000));
  EXPECT_EQ(parse_time_ms("1593475201"), Result<std::int64_t>(1593475201000));
  EXPECT_EQ(parse_time_ms("2022-01-03"), Result<std::int64_t>(1641168000000));
  EXPECT_FALSE(parse_time_ms("yesterday"));
}

}  // namespace
}  // namespace darkfleet::io
