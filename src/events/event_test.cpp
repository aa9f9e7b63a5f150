#include "darkfleet/events/event.hpp"

#include "darkfleet/events/detector.hpp"  // compiles on its own

#include <gtest/gtest.h>

namespace darkfleet::events {
namespace {

TEST(EventKind, NamesRoundTrip) {
  for (const EventKind kind : {EventKind::port_visit, EventKind::gap, EventKind::dark_port_call,
                               EventKind::encounter, EventKind::loitering, EventKind::identity}) {
    EXPECT_EQ(kind_from_string(to_string(kind)), kind);
  }
  EXPECT_FALSE(kind_from_string("gaps").has_value());
}

TEST(Event, IdNamesKindVesselsAndStart) {
  Event e;
  e.kind = EventKind::encounter;
  e.mmsi = 273000001;
  e.other_mmsi = 445000002;
  e.start.t_ms = 1707228088000;
  e.end.t_ms = e.start.t_ms + 3 * 3'600'000;
  EXPECT_EQ(e.id(), "encounter-273000001-445000002-1707228088000");
  EXPECT_DOUBLE_EQ(e.duration_h(), 3.0);
}

}  // namespace
}  // namespace darkfleet::events
