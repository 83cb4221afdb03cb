// The spot accounting of one account: the arithmetic of packages/portfolio `Account` (applyFill,
// setMark, revalue, snapshot), in the same operation order so every double matches bit for bit.
// Restored from and written to `AccountState.book` (proto/algotrader/v1/state.proto).
#pragma once
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "algotrader/v1/state.pb.h"
#include "fillmodel.hpp"

namespace at {

constexpr int64_t DAY_MS = 86400000;
inline int64_t day_of(int64_t t, int64_t offset) {
  return static_cast<int64_t>(std::floor(static_cast<double>(t - offset) / static_cast<double>(DAY_MS)));
}

// dec(), or "NaN"/"Infinity" for a value that is not finite (error messages only).
std::string dec_or_nan(double v);

struct Instrument {
  std::string key;  // "OKX:BTC/USDT"
  Spec spec;
};

class Book {
 public:
  static constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
  struct Pos {
    double qty = 0, avg = NaN, realized = 0, fees = 0, mark = NaN;
  };

  Book(std::vector<Instrument> instruments, double initial_cash, int64_t day_offset_ms)
      : ins_(std::move(instruments)), pos_(ins_.size()), initial_(initial_cash), cash_(initial_cash),
        valued_(initial_cash), peak_(initial_cash), day_start_(initial_cash), offset_(day_offset_ms) {}

  // Throws std::runtime_error on a book this account cannot hold (unknown instrument, T+1 lots, swaps).
  void restore(const algotrader::v1::AccountBook& b);
  void write(algotrader::v1::AccountBook* b) const;

  int index_of(const std::string& key) const {
    for (size_t k = 0; k < ins_.size(); k++)
      if (ins_[k].key == key) return static_cast<int>(k);
    return -1;
  }
  const std::vector<Instrument>& instruments() const { return ins_; }
  const Pos& pos(int k) const { return pos_[k]; }
  double cash() const { return cash_; }
  double valued() const { return valued_; }
  double peak() const { return peak_; }
  double day_start() const { return day_start_; }
  double drawdown() const { return peak_ > 0 ? valued_ / peak_ - 1 : 0; }
  double daily_pnl() const { return valued_ - day_start_; }

  void set_mark(int k, double price) { pos_[k].mark = price; }
  // Account.applyFill (spot). Throws std::runtime_error where the Account throws.
  void apply_fill(int k, bool buy, double qty, double price, double fee);
  // Account.revalue(timeMs): a new day starts at the previous valuation; the peak follows.
  void revalue(int64_t t);

 private:
  std::vector<Instrument> ins_;
  std::vector<Pos> pos_;
  double initial_, cash_, valued_, peak_, day_start_;
  int64_t day_ = -1, valued_at_ = 0, offset_;
};

}  // namespace at
