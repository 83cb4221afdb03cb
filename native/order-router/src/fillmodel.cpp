#include "fillmodel.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <regex>
#include <stdexcept>

namespace at {

std::string dec(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("not a finite number");
  if (x == 0) return "0";
  std::string sign = x < 0 ? "-" : "";
  x = std::fabs(x);
  // Shortest round-trip digits, then ECMAScript's layout (Number::toString, radix 10).
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string sci(buf, r.ptr);
  auto e = sci.find('e');
  std::string mant = sci.substr(0, e);
  int exp10 = std::stoi(sci.substr(e + 1));
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  int k = static_cast<int>(digits.size());
  int n = exp10 + 1;
  std::string out;
  if (k <= n && n <= 21) {
    out = digits + std::string(n - k, '0');
  } else if (0 < n && n <= 21) {
    out = digits.substr(0, n) + "." + digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out = "0." + std::string(-n, '0') + digits;
  } else {
    int ee = n - 1;
    std::string es = (ee < 0 ? "-" : "+") + std::to_string(std::abs(ee));
    out = k == 1 ? digits + "e" + es : digits.substr(0, 1) + "." + digits.substr(1) + "e" + es;
  }
  return sign + out;
}

std::optional<double> num(const std::string& text) {
  static const std::regex ok("^-?[0-9.eE+-]+$");
  if (text.empty() || !std::regex_match(text, ok)) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

double js_round(double x) {
  double f = std::floor(x);
  return (x - f >= 0.5) ? f + 1 : f;
}

static int step_decimals(double step) {
  for (int d = 0; d < 15; d++) {
    double scaled = step * std::pow(10.0, d);
    if (std::fabs(scaled - js_round(scaled)) < 1e-9 * std::max(1.0, scaled)) return d;
  }
  return 15;
}

static double on_grid(double steps, double step) {
  int d = step_decimals(step);
  double scale = std::pow(10.0, d);
  double units = steps * js_round(step * scale);
  if (units > 9007199254740991.0) throw std::range_error("quantity beyond 2^53 lot units");
  return units / scale;
}

double floor_to_step(double x, double step) {
  if (!(x > 0)) return 0;
  double q = x / step;
  double steps = std::floor(q + q * 1e-15 + 1e-9);
  double r = on_grid(steps, step);
  while (r > x && steps > 0) r = on_grid(--steps, step);
  return r;
}

double round_to_step(double x, double step) { return on_grid(js_round(x / step), step); }

Outcome fill(const Model& m, bool buy, bool limit, double qty0, double limit_price, const Bar& bar,
             double cash, double held, const Spec& spec) {
  Outcome o;
  double qty = qty0;
  double ref = bar.open;
  auto slipped = [&](double r) {
    if (m.slippage_bps == 0) return r;
    double frac = m.slippage_bps / 10000;
    return buy ? r * (1 + frac) : r * (1 - frac);
  };
  double price;
  if (!limit) {
    price = slipped(ref);
    o.maker = false;
  } else {
    bool marketable = buy ? ref <= limit_price : ref >= limit_price;
    if (marketable) {
      double p = slipped(ref);
      price = buy ? std::min(p, limit_price) : std::max(p, limit_price);
      o.maker = false;
    } else if (buy ? bar.low < limit_price : bar.high > limit_price) {
      price = limit_price;
      o.maker = true;
    } else {
      o.status = Outcome::Expired;
      o.reason = "limit_not_reached";
      return o;
    }
  }
  double fee_rate = o.maker ? m.maker : m.taker;
  if (buy) {
    double affordable = cash / (price * (1 + fee_rate));
    if (qty > affordable) qty = floor_to_step(affordable, spec.lot_size);
    if (qty <= 0) return o.reason = "insufficient_cash", o.detail = "cash " + dec(cash) + " buys nothing at " + dec(price), o;
  } else {
    if (qty > held) qty = held;
    if (qty <= 0) return o.reason = "insufficient_position", o.detail = "nothing to sell", o;
  }
  qty = floor_to_step(qty, spec.lot_size);
  if (qty <= 0) return o.reason = "below_lot_size", o.detail = "below one lot of " + dec(spec.lot_size), o;
  if (qty < spec.min_qty)
    return o.reason = "below_min_qty", o.detail = "qty " + dec(qty) + " < min " + dec(spec.min_qty), o;
  double notional = qty * price;
  if (notional < spec.min_notional)
    return o.reason = "below_min_notional",
           o.detail = "notional " + dec(notional) + " < min " + dec(spec.min_notional), o;
  o.status = Outcome::Filled;
  o.qty = qty;
  o.price = price;
  o.fee = notional * fee_rate;
  o.partial = qty < qty0;
  return o;
}

}  // namespace at
