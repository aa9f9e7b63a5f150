// `darkfleet events`: run the event detectors over a database and write the events.
#pragma once

#include <string>
#include <vector>

#include "command.hpp"
#include "darkfleet/track/segmenter.hpp"

namespace darkfleet::cli {

class EventsCommand final : public Command {
 public:
  void setup(CLI::App& app) override;
  int run() override;

 private:
  std::string m_db = "darkfleet.db";
  std::string m_kinds;
  std::string m_from;
  std::string m_to;
  std::string m_ports;
  std::string m_coast;
  bool m_no_coast = false;
  std::vector<std::string> m_params;
  std::string m_format;
  std::string m_output;
  bool m_overwrite = false;
  bool m_list_parameters = false;
  track::SegmenterOptions m_options;
};

}  // namespace darkfleet::cli
