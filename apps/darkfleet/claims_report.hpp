// How `darkfleet claims` writes claims and findings: aligned text for people, JSON lines for
// tools. Kept apart from the command so that the formats have one home.
#pragma once

#include <string>
#include <vector>

#include "darkfleet/claims/check.hpp"
#include "darkfleet/claims/claim.hpp"

namespace darkfleet::cli {

/// One claim as a JSON object on one line (ids are 0 for claims not in a ledger).
void append_claim_json(std::string& out, const claims::LedgerClaim& claim);
/// One claim as a text line: id, article, placement, quantity, unit, period, source, hedge, text.
void append_claim_text(std::string& out, const claims::LedgerClaim& claim);
/// One finding as a JSON object on one line.
void append_finding_json(std::string& out, const claims::Finding& finding);
/// One finding as a text line: "[kind] group: message".
void append_finding_text(std::string& out, const claims::Finding& finding);

/// Every claim, as JSON lines (`json`) or text lines.
void append_claims(std::string& out, const std::vector<claims::LedgerClaim>& claims, bool json);
/// Every finding, as JSON lines (`json`) or text lines.
void append_findings(std::string& out, const std::vector<claims::Finding>& findings, bool json);

/// A quantity as a reader writes it: "15800", ">= 15800", "<= 5000", "~16000", "4200000-5800000".
std::string quantity_text(const claims::Quantity& q);

}  // namespace darkfleet::cli
