#include "book.hpp"

#include <algorithm>
#include <stdexcept>

namespace at {

namespace {
double finite(const std::string& what, double v, double min = -std::numeric_limits<double>::infinity()) {
  if (!std::isfinite(v) || v < min) throw std::runtime_error("account book: " + what + " is " + dec_or_nan(v));
  return v;
}
}  // namespace

std::string dec_or_nan(double v) { return std::isfinite(v) ? dec(v) : (std::isnan(v) ? "NaN" : "Infinity"); }

void Book::restore(const algotrader::v1::AccountBook& b) {
  initial_ = finite("initialCash", b.initial_cash(), 0);
  cash_ = finite("cash", b.cash(), 0);
  valued_ = finite("equity", b.equity());
  peak_ = finite("peakEquity", b.peak_equity());
  day_start_ = finite("dayStartEquity", b.day_start_equity());
  day_ = static_cast<int64_t>(finite("day", static_cast<double>(b.day()), -1));
  valued_at_ = b.valued_at_ms();
  if (!b.swaps().empty()) throw std::runtime_error("account book holds perpetual swaps, which the native stage does not trade");
  for (const auto& [key, p] : b.positions()) {
    int k = index_of(key);
    if (k < 0) throw std::runtime_error("account book: position in " + key + ", which this account does not trade");
    if (p.has_locked() && p.locked().qty() > 0)
      throw std::runtime_error("account book: " + key + " has T+1 locked units, which the native stage does not handle");
    Pos& x = pos_[k];
    x.qty = finite(key + " qty", p.qty(), 0);
    x.realized = finite(key + " realized", p.realized());
    x.fees = finite(key + " fees", p.fees(), 0);
    x.avg = (p.qty() == 0 || std::isnan(p.avg())) ? NaN : finite(key + " avg", p.avg(), 0);
  }
  for (const auto& [key, m] : b.marks()) {
    int k = index_of(key);
    if (k < 0) throw std::runtime_error("account book: mark of " + key + ", which this account does not trade");
    pos_[k].mark = finite(key + " mark", m, 0);
  }
}

void Book::write(algotrader::v1::AccountBook* b) const {
  b->Clear();
  b->set_initial_cash(initial_);
  b->set_cash(cash_);
  for (size_t k = 0; k < ins_.size(); k++) {
    const Pos& x = pos_[k];
    if (x.qty != 0 || x.realized != 0 || x.fees != 0) {
      auto& p = (*b->mutable_positions())[ins_[k].key];
      p.set_qty(x.qty);
      p.set_avg(x.avg);
      p.set_realized(x.realized);
      p.set_fees(x.fees);
    }
    if (!std::isnan(x.mark)) (*b->mutable_marks())[ins_[k].key] = x.mark;
  }
  b->set_equity(valued_);
  b->set_peak_equity(peak_);
  b->set_day(day_);
  b->set_day_start_equity(day_start_);
  b->set_valued_at_ms(valued_at_);
}

void Book::apply_fill(int k, bool buy, double qty, double price, double fee) {
  if (!(qty > 0) || !(price > 0) || !(fee >= 0))
    throw std::runtime_error("bad fill: #" + std::to_string(k) + " qty " + dec_or_nan(qty) + " @ " + dec_or_nan(price));
  Pos& x = pos_[k];
  const double lot = ins_[k].spec.lot_size;
  double held = x.qty;
  double notional = qty * price;
  if (buy) {
    double cash = cash_ - notional - fee;
    if (cash < -1e-9 * notional)
      throw std::runtime_error("buy of " + dec(notional + fee) + " exceeds cash " + dec(cash_));
    cash_ = std::max(0.0, cash);
    double q = round_to_step(held + qty, lot);
    x.avg = held == 0 ? price : (held * x.avg + notional) / (held + qty);
    x.qty = q;
  } else {
    if (qty > held) throw std::runtime_error("sell of " + dec(qty) + " exceeds the position " + dec(held));
    cash_ += notional - fee;
    x.realized += qty * (price - x.avg);
    double q = round_to_step(held - qty, lot);
    x.qty = q;
    if (q == 0) x.avg = NaN;
  }
  x.fees += fee;
  if (std::isnan(x.mark)) x.mark = price;
}

void Book::revalue(int64_t t) {
  int64_t day = day_of(t, offset_);
  if (day != day_) {
    day_ = day;
    day_start_ = valued_;
  }
  double pv = 0;
  for (const Pos& x : pos_)
    if (x.qty != 0) pv += x.qty * x.mark;
  // `+ 0`: the Account adds the swaps' unrealized P&L (0 here); kept so -0 behaves alike.
  pv = pv + 0.0;
  double e = cash_ + pv;
  valued_ = e;
  if (e > peak_) peak_ = e;
  valued_at_ = t;
}

}  // namespace at
