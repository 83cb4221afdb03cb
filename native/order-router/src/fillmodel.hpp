// The pure part of the native stage: the protocol's decimal-string rule and the paper fill model,
// both written from proto/README.md (sections "Decimal strings" and "Paper fill model").
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace at {

// ECMAScript Number.prototype.toString(10) of a finite double: the protocol's decimal strings.
std::string dec(double x);
// Parses a decimal string (correctly rounded, as every producer's parser). nullopt if malformed.
std::optional<double> num(const std::string& text);

// ECMAScript Math.round: the nearest integer, ties toward +infinity.
double js_round(double x);
// Largest multiple of `step` not above x (x >= 0), on the step's decimal grid.
double floor_to_step(double x, double step);
// Nearest multiple of `step`.
double round_to_step(double x, double step);

struct Spec {
  double lot_size = 1e-8;
  double min_qty = 0;
  double min_notional = 0;
};

struct Model {
  double maker = 0.0008;
  double taker = 0.001;
  double slippage_bps = 0;  // 0: none
};

struct Bar {
  int64_t open_ms = 0, close_ms = 0;
  double open = 0, high = 0, low = 0, close = 0, volume = 0;
};

struct Outcome {
  enum Status { Filled, Expired, Rejected } status = Rejected;
  double qty = 0, price = 0, fee = 0;
  bool maker = false;
  bool partial = false;
  std::string reason;  // the FillModel's reason code (expired/rejected)
  std::string detail;  // rejected: the FillModel's detail text
};

// next_open timing only: the reference price is the bar's open.
Outcome fill(const Model& m, bool buy, bool limit, double qty, double limit_price, const Bar& bar,
             double cash, double held, const Spec& spec);

}  // namespace at
