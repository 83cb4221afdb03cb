// native-order-router: the paper execution stage in C++, in place of the TypeScript order-router
// (apps/order-router with PaperVenue), written against proto/README.md. See ../README.md.
//
// One thread decides; NATS callbacks only queue. Inputs: bars and BarSetClosed markers (stream MD,
// from the saved md_seq + 1), approved orders (stream ORDERS, ord.approved.<account>, from the saved
// order_seq + 1) and the risk gate's progress (KV positions/decided.<account>). Outputs: OrderEvents,
// Fills and PositionSnapshots on EXEC with the protocol's msg-ids, alerts on OPS, then the account
// state saved with compare-and-set (KV positions/account.<account>) and finished orders indexed
// (KV orders/<id>). A kill -9 at any point loses nothing: a restart re-reads from the saved
// positions and republishes the same ids, which the streams drop as duplicates.
#include <nats/nats.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "algotrader/v1/market.pb.h"
#include "algotrader/v1/ops.pb.h"
#include "algotrader/v1/state.pb.h"
#include "algotrader/v1/trading.pb.h"
#include "book.hpp"
#include "fillmodel.hpp"

namespace pb = algotrader::v1;

namespace {

constexpr const char* SERVICE = "order-router";
constexpr size_t KEEP_DONE = 100;
std::atomic<bool> g_stop{false};

[[noreturn]] void die(const std::string& what, int code = 2) {
  std::fprintf(stderr, "native-order-router: %s\n", what.c_str());
  std::fflush(stderr);
  std::_Exit(code);
}

void check(natsStatus s, const std::string& what) {
  if (s != NATS_OK) die(what + ": " + natsStatus_GetText(s) + " " + nats_GetLastError(nullptr));
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double num_arg(const char* v, const std::string& name) {
  auto x = at::num(v ? v : "");
  if (!x) die(name + ": \"" + (v ? v : "") + "\" is not a number");
  return *x;
}

struct Args {
  std::string url, account = "paper", quote = "USDT", venue = "OKX", tf = "1h";
  int64_t tf_ms = 3600000, day_offset_ms = 0;
  double initial_cash = 10000;
  at::Model model;
  std::vector<at::Instrument> instruments;
  int64_t heartbeat_ms = 5000;
};

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; i++) {
    std::string k = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
    auto take = [&]() -> const char* {
      if (!v) die("missing value for " + k);
      i++;
      return v;
    };
    if (k == "--url") a.url = take();
    else if (k == "--account") a.account = take();
    else if (k == "--quote") a.quote = take();
    else if (k == "--tf") a.tf = take();
    else if (k == "--tf-ms") a.tf_ms = static_cast<int64_t>(num_arg(take(), k));
    else if (k == "--initial-cash") a.initial_cash = num_arg(take(), k);
    else if (k == "--day-offset-ms") a.day_offset_ms = static_cast<int64_t>(num_arg(take(), k));
    else if (k == "--maker") a.model.maker = num_arg(take(), k);
    else if (k == "--taker") a.model.taker = num_arg(take(), k);
    else if (k == "--slippage-bps") a.model.slippage_bps = num_arg(take(), k);
    else if (k == "--heartbeat-ms") a.heartbeat_ms = static_cast<int64_t>(num_arg(take(), k));
    else if (k == "--die-with-parent") prctl(PR_SET_PDEATHSIG, SIGTERM);  // the node wrapper's child
    else if (k == "--instrument") {
      // KEY,lot,minQty,minNotional — in the pipeline's instrument order (snapshots list them so).
      std::string s = take();
      std::vector<std::string> parts;
      std::stringstream ss(s);
      for (std::string p; std::getline(ss, p, ',');) parts.push_back(p);
      if (parts.size() != 4 || parts[0].find(':') == std::string::npos)
        die("--instrument \"" + s + "\": want VENUE:BASE/QUOTE,lotSize,minQty,minNotional");
      at::Instrument ins{parts[0], {num_arg(parts[1].c_str(), k), num_arg(parts[2].c_str(), k),
                                    num_arg(parts[3].c_str(), k)}};
      if (!(ins.spec.lot_size > 0)) die("--instrument " + parts[0] + ": lot size must be > 0");
      a.instruments.push_back(ins);
    } else die("unknown argument " + k + " (see native/order-router/README.md)");
  }
  if (a.url.empty()) die("--url nats://host:port is required");
  if (a.instruments.empty()) die("at least one --instrument VENUE:BASE/QUOTE,lot,minQty,minNotional is required");
  a.venue = a.instruments[0].key.substr(0, a.instruments[0].key.find(':'));
  for (const auto& i : a.instruments)
    if (i.key.substr(0, i.key.find(':')) != a.venue) die("every instrument must be on one venue (" + a.venue + ")");
  return a;
}

std::string header(natsMsg* m, const char* name) {
  const char* v = nullptr;
  if (natsMsgHeader_Get(m, name, &v) != NATS_OK || !v) return "";
  return v;
}

// ---- the order lifecycle (packages/core order-state.ts TRANSITIONS; only the paper paths occur) ----
bool terminal(pb::OrderState s) {
  return s == pb::ORDER_STATE_FILLED || s == pb::ORDER_STATE_CANCELED || s == pb::ORDER_STATE_REJECTED ||
         s == pb::ORDER_STATE_EXPIRED;
}
bool can_transition(pb::OrderState from, pb::OrderState to) {
  using S = pb::OrderState;
  static const std::map<S, std::vector<S>> T = {
      {pb::ORDER_STATE_PENDING_SUBMIT,
       {pb::ORDER_STATE_SUBMITTED, pb::ORDER_STATE_ACCEPTED, pb::ORDER_STATE_PARTIALLY_FILLED, pb::ORDER_STATE_FILLED,
        pb::ORDER_STATE_REJECTED, pb::ORDER_STATE_UNKNOWN, pb::ORDER_STATE_CANCELED}},
      {pb::ORDER_STATE_ACCEPTED,
       {pb::ORDER_STATE_PARTIALLY_FILLED, pb::ORDER_STATE_FILLED, pb::ORDER_STATE_PENDING_CANCEL,
        pb::ORDER_STATE_CANCELED, pb::ORDER_STATE_EXPIRED, pb::ORDER_STATE_UNKNOWN}},
      {pb::ORDER_STATE_PARTIALLY_FILLED,
       {pb::ORDER_STATE_PARTIALLY_FILLED, pb::ORDER_STATE_FILLED, pb::ORDER_STATE_PENDING_CANCEL,
        pb::ORDER_STATE_CANCELED, pb::ORDER_STATE_EXPIRED, pb::ORDER_STATE_UNKNOWN}},
  };
  auto it = T.find(from);
  return it != T.end() && std::find(it->second.begin(), it->second.end(), to) != it->second.end();
}

// The paper venue's answer about one order (apps/order-router paper-venue.ts VenueReport).
struct Report {
  pb::OrderState status;
  std::string reason;
  double filled_qty = 0, avg_price = at::Book::NaN;
  bool has_time = false;
  int64_t time_ms = 0;
  bool fill = false;
  double qty = 0, price = 0, fee = 0;
  bool maker = false;
};

struct Progress {
  int64_t decided = 0;
  uint64_t approved_seq = 0;
};

struct Item {
  enum Kind { MD, ORD, DECIDED } kind;
  natsMsg* msg = nullptr;
  Progress progress;
};

class Queue {
 public:
  void push(Item i) {
    {
      std::lock_guard<std::mutex> l(m_);
      q_.push_back(i);
    }
    cv_.notify_one();
  }
  bool pop(Item& out, int wait_ms) {
    std::unique_lock<std::mutex> l(m_);
    if (!cv_.wait_for(l, std::chrono::milliseconds(wait_ms), [&] { return !q_.empty(); })) return false;
    out = q_.front();
    q_.pop_front();
    return true;
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<Item> q_;
};

void on_md(natsConnection*, natsSubscription*, natsMsg* m, void* q) { static_cast<Queue*>(q)->push({Item::MD, m, {}}); }
void on_ord(natsConnection*, natsSubscription*, natsMsg* m, void* q) { static_cast<Queue*>(q)->push({Item::ORD, m, {}}); }
void on_decided(natsConnection*, natsSubscription*, natsMsg* m, void* q) {
  static_cast<Queue*>(q)->push({Item::DECIDED, m, {}});
}

// The name of this router's ordered consumer on a stream: fixed (order-router-native-<what>), so
// infra/nats/auth.conf can grant the order-router user the deletion of exactly these three names
// and no other consumer's (a random name would need CONSUMER.DELETE.<stream>.*). One native router
// per order-router identity (as with the notify venue's durable).
std::string consumer_name(const char* what) { return std::string("order-router-native-") + what; }

// A KV message of positions/decided.<acct> (read through an ordered consumer on KV_positions):
// true with the progress when it is a put of a protobuf DecisionProgress; a delete or purge
// (KV-Operation header) is no progress; a value that does not decode is reported and skipped.
bool decided_progress(natsMsg* m, const std::string& key, Progress& out) {
  const char* op = nullptr;
  if (natsMsgHeader_Get(m, "KV-Operation", &op) == NATS_OK && op && *op) return false;
  int len = natsMsg_GetDataLength(m);
  if (len <= 0) return false;
  auto* b = reinterpret_cast<const unsigned char*>(natsMsg_GetData(m));
  pb::DecisionProgress d;
  if (b[0] >= 0x80 || !d.ParseFromArray(b, len)) {
    std::fprintf(stderr, "native-order-router: %s is not a protobuf DecisionProgress (msgpack before "
                         "protobuf? the risk gate rewrites it at its next decision)\n", key.c_str());
    return false;
  }
  out = {d.decided_through_ms(), d.approved_seq()};
  return true;
}

struct Counters {
  uint64_t bars = 0, sets = 0, steps = 0, orders = 0, fills = 0, duplicates = 0, refused = 0, saves = 0,
           published = 0, publish_duplicates = 0, publish_errors = 0;
};

void on_ack(jsCtx*, natsMsg*, jsPubAck* pa, jsPubAckErr* pae, void* c) {
  auto* k = static_cast<Counters*>(c);
  if (pae) {
    k->publish_errors++;
  } else {
    k->published++;
    if (pa && pa->Duplicate) k->publish_duplicates++;
  }
}

class Stage {
 public:
  explicit Stage(Args a) : a_(std::move(a)), book_(a_.instruments, a_.initial_cash, a_.day_offset_ms) {}

  void run();

 private:
  Args a_;
  at::Book book_;
  natsConnection* nc_ = nullptr;
  jsCtx* js_ = nullptr;
  kvStore *positions_ = nullptr, *orders_kv_ = nullptr, *control_ = nullptr;
  uint64_t revision_ = 0;
  Queue q_;
  Counters n_;
  int64_t started_ = now_ms();
  std::string instance_;

  // The router's part of AccountState (the book is book_).
  pb::AccountState st_;  // account, quote, md_seq, order_seq, stepped/visible/last_bar_set, fills, swap_booked
  std::unordered_map<std::string, pb::OrderRecord> orders_;
  std::vector<std::string> pending_, done_;
  std::vector<pb::OrderRecord> retired_;
  std::map<int64_t, std::map<std::string, at::Bar>> bars_;  // close -> key -> bar
  std::map<std::string, int64_t> last_open_;
  std::deque<std::pair<int64_t, uint64_t>> ahead_;  // (close, MD seq)
  bool have_progress_ = false;
  Progress progress_;
  bool dirty_ = false;

  void load();
  void handle_md(natsMsg* m);
  void handle_order(natsMsg* m);
  void advance();
  void fill(int64_t c, int64_t x);
  void settle(int64_t c);
  void apply(pb::OrderRecord& o, const Report& r, int64_t now);
  void move(pb::OrderRecord& o, pb::OrderState to, int64_t time, const std::string& reason);
  void retire(const std::string& id);
  void save();
  void publish(const std::string& subject, const char* type, const google::protobuf::Message& m,
               const std::string& msg_id, const std::string& correlation = "");
  void alert(pb::Severity sev, const std::string& code, const std::string& message, const std::string& dedupe);
  void heartbeat();
  pb::InstrumentRef ref(const std::string& key) const {
    pb::InstrumentRef r;
    auto i = key.find(':');
    r.set_venue(key.substr(0, i));
    r.set_symbol(key.substr(i + 1));
    return r;
  }
};

void Stage::publish(const std::string& subject, const char* type, const google::protobuf::Message& m,
                    const std::string& msg_id, const std::string& correlation) {
  std::string bytes = m.SerializeAsString();
  natsMsg* msg = nullptr;
  check(natsMsg_Create(&msg, subject.c_str(), nullptr, bytes.data(), static_cast<int>(bytes.size())), "message");
  natsMsgHeader_Set(msg, "Nats-Msg-Id", msg_id.c_str());
  natsMsgHeader_Set(msg, "Proto-Type", type);
  natsMsgHeader_Set(msg, "Content-Type", "application/x-protobuf");
  natsMsgHeader_Set(msg, "Producer", SERVICE);
  natsMsgHeader_Set(msg, "Correlation-Id", (correlation.empty() ? msg_id : correlation).c_str());
  check(js_PublishMsgAsync(js_, &msg, nullptr), "publish " + subject);
}

void Stage::alert(pb::Severity sev, const std::string& code, const std::string& message, const std::string& dedupe) {
  pb::Alert al;
  al.set_severity(sev);
  al.set_source(SERVICE);
  al.set_code(code);
  al.set_message(message);
  al.set_time_ms(now_ms());
  al.set_dedupe_key(dedupe);
  const char* s = sev == pb::SEVERITY_CRITICAL ? "critical" : sev == pb::SEVERITY_WARNING ? "warning" : "info";
  std::fprintf(stderr, "native-order-router: %s %s: %s\n", s, code.c_str(), message.c_str());
  publish(std::string("ops.alert.") + s, "algotrader.v1.Alert", al,
          std::string("alert:") + SERVICE + ":" + code + ":" + dedupe);
}

void Stage::heartbeat() {
  pb::Heartbeat hb;
  int64_t t = now_ms();
  hb.set_service(SERVICE);
  hb.set_instance(instance_);
  hb.set_time_ms(t);
  hb.set_started_ms(started_);
  hb.set_version("native");
  publish(std::string("ops.heartbeat.") + SERVICE, "algotrader.v1.Heartbeat", hb,
          std::string("hb:") + SERVICE + ":" + instance_ + ":" + std::to_string(t));
}

void Stage::load() {
  std::string key = "account." + a_.account;
  kvEntry* e = nullptr;
  natsStatus s = kvStore_Get(&e, positions_, key.c_str());
  if (s == NATS_NOT_FOUND) {
    // A new account: nothing saved yet; the first save creates the key (create fails if another did).
    st_.set_account(a_.account);
    st_.set_quote(a_.quote);
    revision_ = 0;
    return;
  }
  check(s, "read " + key);
  revision_ = kvEntry_Revision(e);
  int len = kvEntry_ValueLen(e);
  auto* bytes = static_cast<const unsigned char*>(kvEntry_Value(e));
  if (kvEntry_Operation(e) != kvOp_Put || len == 0) {
    kvEntry_Destroy(e);
    st_.set_account(a_.account);
    st_.set_quote(a_.quote);
    return;
  }
  if ((bytes[0] >= 0x80 && bytes[0] <= 0x8f) || bytes[0] == 0xde || bytes[0] == 0xdf)
    die(key + " is a msgpack value written before protobuf: start the TypeScript order-router once "
              "(it migrates the value at its next save), then start this stage");
  if (!st_.ParseFromArray(bytes, len)) die(key + " is not a protobuf algotrader.v1.AccountState");
  kvEntry_Destroy(e);
  if (st_.version() != 3) die(key + ": encoding version " + std::to_string(st_.version()) + " is not 3");
  if (!st_.protections().empty())
    die(key + " has armed protective exits, which the native stage does not watch: run the TypeScript router");
  try {
    book_.restore(st_.book());
  } catch (const std::exception& x) {
    die(key + ": " + x.what());
  }
  for (const auto& o : st_.orders()) orders_[o.id()] = o;
  pending_.assign(st_.pending().begin(), st_.pending().end());
  done_.assign(st_.done().begin(), st_.done().end());
  // A crash may have come between the save and the index: index the finished orders again.
  for (const auto& id : done_)
    if (orders_.count(id)) retired_.push_back(orders_[id]);
  st_.clear_orders();
  st_.clear_pending();
  st_.clear_done();
  st_.clear_book();
}

void Stage::save() {
  pb::AccountState s = st_;
  s.set_version(3);
  s.set_account(a_.account);
  book_.write(s.mutable_book());
  for (const auto& id : pending_) {
    *s.add_pending() = id;
    *s.add_orders() = orders_.at(id);
  }
  for (const auto& id : done_) {
    *s.add_done() = id;
    auto it = orders_.find(id);
    if (it != orders_.end()) *s.add_orders() = it->second;
  }
  s.set_updated_ms(now_ms());
  std::string bytes = s.SerializeAsString();
  // Only a state whose events are all out is saved: a restart then republishes nothing it lacks.
  check(js_PublishAsyncComplete(js_, nullptr), "publishes before the save");
  if (n_.publish_errors > 0) die("a publish failed: exiting before the save (a restart republishes)", 3);
  std::string key = "account." + a_.account;
  uint64_t rev = 0;
  natsStatus r = revision_ == 0
                     ? kvStore_Create(&rev, positions_, key.c_str(), bytes.data(), static_cast<int>(bytes.size()))
                     : kvStore_Update(&rev, positions_, key.c_str(), bytes.data(), static_cast<int>(bytes.size()),
                                      revision_);
  if (r != NATS_OK) {
    std::string why = nats_GetLastError(nullptr);
    if (std::regex_search(why, std::regex("wrong last sequence|key exists", std::regex::icase))) {
      alert(pb::SEVERITY_CRITICAL, "router_failed",
            "order-router " + a_.account + ": " + key + " was changed by another writer (revision " +
                std::to_string(revision_) + "): is a second order-router running?",
            std::to_string(now_ms()));
      js_PublishAsyncComplete(js_, nullptr);
      die(key + " was changed by another writer: is a second order-router running?", 3);
    }
    check(r, "save " + key);
  }
  revision_ = rev;
  n_.saves++;
  for (const auto& o : retired_) {
    std::string b = o.SerializeAsString();
    check(kvStore_Put(nullptr, orders_kv_, o.id().c_str(), b.data(), static_cast<int>(b.size())), "index " + o.id());
  }
  retired_.clear();
}

void Stage::handle_md(natsMsg* m) {
  std::string type = header(m, "Proto-Type");
  const char* data = natsMsg_GetData(m);
  int len = natsMsg_GetDataLength(m);
  jsMsgMetaData* meta = nullptr;
  check(natsMsg_GetMetaData(&meta, m), "message metadata");
  uint64_t seq = meta->Sequence.Stream;
  jsMsgMetaData_Destroy(meta);
  if (type == "algotrader.v1.Bar") {
    pb::Bar b;
    if (!b.ParseFromArray(data, len)) {
      alert(pb::SEVERITY_WARNING, "md_rejected", std::string("order-router refused ") + natsMsg_GetSubject(m) + " #" +
                                                     std::to_string(seq) + ": undecodable Bar", std::to_string(seq));
      return;
    }
    if (b.timeframe() != a_.tf || upper(b.instrument().venue()) != a_.venue) return;
    std::string key = upper(b.instrument().venue()) + ":" + b.instrument().symbol();
    if (book_.index_of(key) < 0) return;
    auto lo = last_open_.find(key);
    if (b.close_time_ms() <= st_.stepped_through_ms() || (lo != last_open_.end() && b.open_time_ms() <= lo->second)) {
      n_.duplicates++;
      return;
    }
    last_open_[key] = b.open_time_ms();
    bars_[b.close_time_ms()][key] = {b.open_time_ms(), b.close_time_ms(), b.open(), b.high(), b.low(), b.close(), b.volume()};
    n_.bars++;
  } else if (type == "algotrader.v1.BarSetClosed") {
    pb::BarSetClosed s;
    if (!s.ParseFromArray(data, len)) {
      alert(pb::SEVERITY_WARNING, "md_rejected", std::string("order-router refused ") + natsMsg_GetSubject(m) + " #" +
                                                     std::to_string(seq) + ": undecodable BarSetClosed", std::to_string(seq));
      return;
    }
    if (upper(s.venue()) != a_.venue || s.timeframe() != a_.tf) return;
    int64_t close = s.close_time_ms();
    int64_t last = ahead_.empty() ? st_.stepped_through_ms() : ahead_.back().first;
    if (close <= last) return;
    ahead_.push_back({close, seq});
    n_.sets++;
    advance();
  } else {
    // Dead letter rule (proto/README.md "Headers"): no or unknown Proto-Type is refused, never guessed.
    alert(pb::SEVERITY_WARNING, "md_rejected",
          std::string("order-router refused ") + natsMsg_GetSubject(m) + " #" + std::to_string(seq) +
              ": Proto-Type \"" + type + "\" is not a Bar or BarSetClosed",
          std::to_string(seq));
  }
}

void Stage::handle_order(natsMsg* m) {
  jsMsgMetaData* meta = nullptr;
  check(natsMsg_GetMetaData(&meta, m), "message metadata");
  uint64_t seq = meta->Sequence.Stream;
  jsMsgMetaData_Destroy(meta);
  int64_t now = now_ms();
  pb::OrderRequest r;
  if (header(m, "Proto-Type") != "algotrader.v1.OrderRequest" ||
      !r.ParseFromArray(natsMsg_GetData(m), natsMsg_GetDataLength(m))) {
    alert(pb::SEVERITY_CRITICAL, "order_rejected",
          std::string("order-router refused ") + natsMsg_GetSubject(m) + " #" + std::to_string(seq) +
              ": Proto-Type \"" + header(m, "Proto-Type") + "\" or payload is not an OrderRequest",
          std::to_string(seq));
    // Skipped like a dead letter; the position moves on with the next order or save.
    if (seq > st_.order_seq()) st_.set_order_seq(seq);
    advance();
    return;
  }
  if (seq <= st_.order_seq()) return advance();
  const std::string id = r.client_order_id();
  auto it = orders_.find(id);
  bool in_done = std::find(done_.begin(), done_.end(), id) != done_.end();
  if (r.cancel()) {
    st_.set_order_seq(seq);
    if (it != orders_.end() && !terminal(it->second.status())) {
      // The paper venue cancels at once.
      Report rep{pb::ORDER_STATE_CANCELED, "replaced by a newer decision"};
      apply(it->second, rep, now);
    } else {
      alert(pb::SEVERITY_INFO, "cancel_ignored",
            "cancel of " + id + ": " + (it != orders_.end() ? "already terminal" : "unknown order"),
            id + ":" + std::to_string(seq));
    }
    return advance();
  }
  bool known = false;
  if (it == orders_.end() && !in_done) {
    kvEntry* e = nullptr;
    if (kvStore_Get(&e, orders_kv_, id.c_str()) == NATS_OK) {
      known = kvEntry_Operation(e) == kvOp_Put;
      kvEntry_Destroy(e);
    }
  }
  if (it != orders_.end() || in_done || known) {
    n_.duplicates++;
    alert(pb::SEVERITY_WARNING, "order_duplicate", "order " + id + " was already received: ignored",
          id + ":" + std::to_string(seq));
    st_.set_order_seq(seq);
    return advance();
  }
  // intake.ts parseApproved: what makes an approved order unusable is a refusal (an event), never a crash.
  std::string key = upper(r.instrument().venue()) + ":" + r.instrument().symbol();
  pb::OrderRecord o;
  o.set_id(id);
  o.set_strategy(r.strategy());
  o.set_instrument(key);
  o.set_side(r.side());
  o.set_type(r.type());
  o.set_decision_time_ms(r.decision_time_ms());
  o.set_eligible_open_ms(r.decision_time_ms());  // next_open timing
  o.set_status(pb::ORDER_STATE_PENDING_SUBMIT);
  o.set_events(0);
  o.set_filled_qty(0);
  o.set_avg_fill_price(at::Book::NaN);
  std::string refused;
  auto qty = at::num(r.quantity());
  static const std::regex valid_id("^[A-Za-z0-9]{1,32}$");
  if (qty) o.set_qty(*qty);
  if (r.type() == pb::ORDER_TYPE_LIMIT) {
    auto l = at::num(r.limit_price());
    if (l) o.set_limit_price(*l);
    else refused = "limit_price \"" + r.limit_price() + "\" is not a decimal";
  }
  bool quote_sized = !r.quote_amount().empty();
  if (!std::regex_match(id, valid_id)) refused = "client order id \"" + id + "\" is not valid";
  else if (r.side() != pb::SIDE_BUY && r.side() != pb::SIDE_SELL) refused = "side is unspecified";
  else if (book_.index_of(key) < 0) refused = key + " is not traded by this account";
  else if (!quote_sized && !(qty && *qty > 0)) refused = "quantity " + r.quantity() + " is not positive";
  else if (!(r.decision_time_ms() > 0)) refused = "no decision time";
  else if (r.has_exits()) {
    refused = "the native paper venue cannot carry protective exits (stop-loss, take-profit, trailing stop)";
    alert(pb::SEVERITY_WARNING, "exits_unsupported", "order " + id + ": " + refused + ": refused", id);
  }
  if (refused.empty()) {
    // HALTED (KV control, key account.<account>): an order that adds to a position is refused.
    kvEntry* e = nullptr;
    std::string ck = "account." + a_.account;
    if (kvStore_Get(&e, control_, ck.c_str()) == NATS_OK) {
      pb::ControlState c;
      bool ok = kvEntry_Operation(e) == kvOp_Put && kvEntry_ValueLen(e) > 0 &&
                c.ParseFromArray(kvEntry_Value(e), kvEntry_ValueLen(e));
      kvEntry_Destroy(e);
      double held = book_.pos(book_.index_of(key)).qty;
      bool reduces = o.side() == pb::SIDE_SELL && held > 0 && o.qty() <= held;
      if (ok && c.state() == pb::TRADING_STATE_HALTED && !reduces) {
        refused = "trading is HALTED (" + (c.reason().empty() ? std::string("by control") : c.reason()) +
                  "): an order that adds to a position is refused";
        n_.refused++;
        alert(pb::SEVERITY_WARNING, "order_refused_halted",
              "order " + id + " " + (o.side() == pb::SIDE_BUY ? "buy" : "sell") + " " + at::dec(o.qty()) + " " +
                  key + ": " + refused,
              id);
      }
    }
  }
  n_.orders++;
  orders_[id] = o;
  st_.set_order_seq(seq);
  pb::OrderRecord& ord = orders_[id];
  if (!refused.empty()) {
    move(ord, pb::ORDER_STATE_REJECTED, now, refused);
    retire(id);
    return advance();
  }
  pending_.push_back(id);
  bool late = ord.eligible_open_ms() <= st_.stepped_through_ms() - a_.tf_ms;
  Report rep = quote_sized ? Report{pb::ORDER_STATE_REJECTED, "quote-sized orders are not supported by the paper venue"}
                           : Report{pb::ORDER_STATE_ACCEPTED, ""};
  apply(ord, rep, now);
  if (late && !terminal(ord.status()))
    alert(pb::SEVERITY_WARNING, "order_late",
          "order " + id + " decided at " + std::to_string(ord.decision_time_ms()) +
              " arrived after its fill bar was settled: it fills on the next one",
          id);
  advance();
}

void Stage::move(pb::OrderRecord& o, pb::OrderState to, int64_t time, const std::string& reason) {
  pb::OrderState from = o.status();
  o.set_status(to);
  o.set_events(o.events() + 1);
  if (!reason.empty()) o.set_reason(reason);
  pb::OrderEvent ev;
  ev.set_client_order_id(o.id());
  ev.set_exchange_order_id(o.has_exchange_id() ? o.exchange_id() : "paper-" + o.id());
  ev.set_account(a_.account);
  *ev.mutable_instrument() = ref(o.instrument());
  ev.set_state(to);
  ev.set_previous_state(from);
  ev.set_filled_quantity(at::dec(o.filled_qty()));
  ev.set_average_price(o.filled_qty() > 0 ? at::dec(o.avg_fill_price()) : "");
  ev.set_reason(reason);
  ev.set_time_ms(time);
  ev.set_seq(o.events());
  publish("exec.order." + a_.account, "algotrader.v1.OrderEvent", ev,
          "ord:" + o.id() + ":" + std::to_string(o.events()), "ord:" + o.id());
}

void Stage::retire(const std::string& id) {
  auto it = orders_.find(id);
  if (it != orders_.end()) retired_.push_back(it->second);
  pending_.erase(std::remove(pending_.begin(), pending_.end(), id), pending_.end());
  done_.push_back(id);
  while (done_.size() > KEEP_DONE) {
    orders_.erase(done_.front());
    done_.erase(done_.begin());
  }
}

// decider.ts apply(): books the executions not booked yet, then moves the order along the report.
void Stage::apply(pb::OrderRecord& o, const Report& r, int64_t now) {
  int64_t time = r.has_time ? r.time_ms : now;
  int n = 0;
  if (r.fill) {
    std::string trade = o.id() + ":1";
    if (std::find(o.trades().begin(), o.trades().end(), trade) == o.trades().end()) {
      o.add_trades(trade);
      n++;
      int k = book_.index_of(o.instrument());
      bool buy = o.side() == pb::SIDE_BUY;
      try {
        book_.apply_fill(k, buy, r.qty, r.price, r.fee);
      } catch (const std::exception& x) {
        alert(pb::SEVERITY_WARNING, "fill_unexpected",
              "fill " + trade + " of " + o.id() + " does not fit the account: " + x.what(), o.id() + ":" + trade);
      }
      st_.set_fills(st_.fills() + 1);
      n_.fills++;
      pb::Fill f;
      f.set_trade_id(trade);
      f.set_client_order_id(o.id());
      f.set_account(a_.account);
      *f.mutable_instrument() = ref(o.instrument());
      f.set_side(o.side());
      f.set_quantity(at::dec(r.qty));
      f.set_price(at::dec(r.price));
      f.set_fee(at::dec(r.fee));
      f.set_fee_currency(a_.quote);
      f.set_time_ms(r.time_ms);
      f.set_maker(r.maker);
      f.set_exit_reason(o.exit_reason() != pb::EXIT_REASON_UNSPECIFIED ? o.exit_reason()
                        : o.strategy() == "forceexit"                  ? pb::EXIT_REASON_FORCEEXIT
                                                                       : pb::EXIT_REASON_SIGNAL);
      publish("exec.fill." + a_.account, "algotrader.v1.Fill", f, "fill:paper:" + trade, "ord:" + o.id());
    }
  }
  if (std::isfinite(r.filled_qty) && r.filled_qty >= o.filled_qty()) {
    o.set_filled_qty(r.filled_qty);
    if (r.filled_qty > 0) o.set_avg_fill_price(r.avg_price);
  }
  std::vector<pb::OrderState> path;
  // The rest of a part-filled order cancelled or expired: it was part-filled first.
  if ((r.status == pb::ORDER_STATE_CANCELED || r.status == pb::ORDER_STATE_EXPIRED) && o.filled_qty() > 0 &&
      o.status() != pb::ORDER_STATE_PARTIALLY_FILLED && o.status() != pb::ORDER_STATE_PENDING_CANCEL &&
      can_transition(o.status(), pb::ORDER_STATE_PARTIALLY_FILLED))
    path.push_back(pb::ORDER_STATE_PARTIALLY_FILLED);
  path.push_back(r.status);
  for (auto to : path) {
    if (to == o.status() && (to != pb::ORDER_STATE_PARTIALLY_FILLED || n == 0)) continue;
    if (!can_transition(o.status(), to)) {
      alert(pb::SEVERITY_WARNING, "order_transition_refused",
            "paper reports " + o.id() + " " + pb::OrderState_Name(to) + ", but it is " +
                pb::OrderState_Name(o.status()) + ": kept",
            o.id() + ":" + std::to_string(o.status()) + ":" + std::to_string(to));
      continue;
    }
    move(o, to, time, to == r.status ? r.reason : "");
  }
  if (terminal(o.status())) retire(o.id());
}

// decider.ts fill(): in arrival order, the open orders decided at or before x fill on the bar closing at c.
void Stage::fill(int64_t c, int64_t x) {
  auto at = bars_.find(c);
  if (at == bars_.end()) return;
  std::vector<std::string> ids = pending_;
  for (const auto& id : ids) {
    auto it = orders_.find(id);
    if (it == orders_.end()) continue;
    pb::OrderRecord& o = it->second;
    if (o.decision_time_ms() > x || o.eligible_open_ms() > x) continue;
    auto b = at->second.find(o.instrument());
    if (b == at->second.end()) continue;
    int k = book_.index_of(o.instrument());
    bool buy = o.side() == pb::SIDE_BUY;
    bool limit = o.type() == pb::ORDER_TYPE_LIMIT;
    at::Outcome out = at::fill(a_.model, buy, limit, o.qty(), limit ? o.limit_price() : 0, b->second,
                               book_.cash(), book_.pos(k).qty, a_.instruments[k].spec);
    Report rep{pb::ORDER_STATE_CANCELED, ""};
    rep.has_time = true;
    rep.time_ms = b->second.open_ms;  // next_open on a 24/7 calendar: the bar's open
    switch (out.status) {
      case at::Outcome::Filled:
        rep.status = out.partial ? pb::ORDER_STATE_CANCELED : pb::ORDER_STATE_FILLED;
        if (out.partial) rep.reason = "rest cancelled: a bar-level order lives one bar";
        rep.filled_qty = out.qty;
        rep.avg_price = out.price;
        rep.fill = true;
        rep.qty = out.qty;
        rep.price = out.price;
        rep.fee = out.fee;
        rep.maker = out.maker;
        break;
      case at::Outcome::Expired:
        rep.status = pb::ORDER_STATE_EXPIRED;
        rep.reason = out.reason;
        break;
      case at::Outcome::Rejected:
        rep.status = pb::ORDER_STATE_CANCELED;
        rep.reason = out.reason + ": " + out.detail;
        break;
    }
    apply(o, rep, c);
  }
}

// decider.ts settle(): marks at the closes of c, the valuation of its bar, a PositionSnapshot.
void Stage::settle(int64_t c) {
  auto at = bars_.find(c);
  if (at != bars_.end())
    for (const auto& [key, b] : at->second) book_.set_mark(book_.index_of(key), b.close);
  book_.revalue(c - a_.tf_ms);
  st_.set_last_bar_set_ms(c);
  st_.set_visible_through_ms(c);
  pb::PositionSnapshot snap;
  snap.set_account(a_.account);
  snap.set_time_ms(c);
  const auto& ins = book_.instruments();
  for (size_t k = 0; k < ins.size(); k++) {
    const auto& p = book_.pos(static_cast<int>(k));
    if (p.qty == 0 && p.realized == 0) continue;
    bool marked = !std::isnan(p.mark);
    auto* h = snap.add_positions();
    *h->mutable_instrument() = ref(ins[k].key);
    h->set_quantity(at::dec(p.qty));
    h->set_average_price(p.qty != 0 ? at::dec(p.avg) : "");
    h->set_realized_pnl(at::dec(p.realized));
    h->set_unrealized_pnl(at::dec(marked ? (p.qty == 0 ? 0 : p.qty * (p.mark - p.avg)) : 0));
    h->set_mark_price(marked ? at::dec(p.mark) : "");
  }
  snap.set_cash(at::dec(book_.cash()));
  snap.set_equity(at::dec(book_.valued()));
  snap.set_quote_currency(a_.quote);
  snap.set_peak_equity(at::dec(book_.peak()));
  snap.set_day_start_equity(at::dec(book_.day_start()));
  snap.set_drawdown(at::dec(book_.drawdown()));
  snap.set_daily_pnl(at::dec(book_.daily_pnl()));
  publish("exec.position." + a_.account, "algotrader.v1.PositionSnapshot", snap,
          "pos:" + a_.account + ":" + std::to_string(c));
}

// decider.ts advance() for a bars venue with next_open timing: the fill gate, then a save when owed.
void Stage::advance() {
  bool stepped = false;
  while (!ahead_.empty()) {
    auto [c, seq] = ahead_.front();
    int64_t x = c - a_.tf_ms;
    int64_t decided = have_progress_ ? progress_.decided : 0;
    bool orders_in = st_.order_seq() >= (have_progress_ ? progress_.approved_seq : 0);
    if (!(decided >= x && orders_in)) break;
    fill(c, x);
    settle(c);
    bars_.erase(c);
    ahead_.pop_front();
    st_.set_stepped_through_ms(c);
    st_.set_md_seq(seq);
    n_.steps++;
    stepped = true;
  }
  if (stepped) dirty_ = true;
  if (dirty_) {
    dirty_ = false;
    save();
  }
}

void Stage::run() {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  instance_ = std::string(host) + "-" + std::to_string(getpid());
  natsOptions* opts = nullptr;
  check(natsOptions_Create(&opts), "options");
  check(natsOptions_SetURL(opts, a_.url.c_str()), "url");
  check(natsOptions_SetName(opts, SERVICE), "name");
  check(natsOptions_SetMaxReconnect(opts, -1), "reconnect");
  // The service's own inbox prefix (infra/nats/auth.conf lets user order-router subscribe only there).
  check(natsOptions_SetCustomInboxPrefix(opts, "_INBOX_order-router"), "inbox prefix");
  check(natsConnection_Connect(&nc_, opts), "connect to " + a_.url);
  jsOptions jo;
  jsOptions_Init(&jo);
  jo.PublishAsync.MaxPending = 4096;
  jo.PublishAsync.AckHandler = on_ack;
  jo.PublishAsync.AckHandlerClosure = &n_;
  check(natsConnection_JetStream(&js_, nc_, &jo), "jetstream");
  check(js_KeyValue(&positions_, js_, "positions"), "KV bucket positions");
  check(js_KeyValue(&orders_kv_, js_, "orders"), "KV bucket orders");
  check(js_KeyValue(&control_, js_, "control"), "KV bucket control");
  load();
  if (!retired_.empty()) {
    for (const auto& o : retired_) {
      std::string b = o.SerializeAsString();
      check(kvStore_Put(nullptr, orders_kv_, o.id().c_str(), b.data(), static_cast<int>(b.size())), "index");
    }
    retired_.clear();
  }
  std::fprintf(stderr, "native-order-router: account %s from md_seq %llu order_seq %llu (cash %s, %d pending)\n",
               a_.account.c_str(), (unsigned long long)st_.md_seq(), (unsigned long long)st_.order_seq(),
               at::dec(book_.cash()).c_str(), static_cast<int>(pending_.size()));

  // Ordered consumers with a name of our own (Config.Name): libnats then creates them with the
  // named, filtered subject $JS.API.CONSUMER.CREATE.<stream>.<name>.<filter>, which auth.conf can
  // check by name. Without a name it would use the body-only CONSUMER.CREATE.<stream>, whose grant
  // would let these credentials create or overwrite any consumer named in the body (docs/SECURITY.md).
  // A reset (gap, missed heartbeats) recreates under the same name; the server accepts it once the
  // old one, no longer listened to, has expired, and libnats retries until then. A predecessor
  // killed without a stop left its consumer behind under the same name: deleted first.
  std::vector<std::string> names;
  auto subscribe = [&](natsSubscription** sub, const char* stream, const char* what, const std::string& subject,
                       uint64_t from, natsMsgHandler cb) {
    names.push_back(consumer_name(what));
    jsErrCode derr = jsErrCode(0);
    natsStatus ds = js_DeleteConsumer(js_, stream, names.back().c_str(), nullptr, &derr);
    if (ds != NATS_OK && derr != JSConsumerNotFoundErr && ds != NATS_NOT_FOUND)
      check(ds, std::string("delete the previous consumer ") + names.back());
    jsSubOptions so;
    jsSubOptions_Init(&so);
    so.Stream = stream;
    so.Ordered = true;
    so.Config.Name = names.back().c_str();
    if (from == 0) {
      so.Config.DeliverPolicy = js_DeliverLastPerSubject;
    } else {
      so.Config.DeliverPolicy = js_DeliverByStartSequence;
      so.Config.OptStartSeq = from;
    }
    jsErrCode jerr = jsErrCode(0);
    check(js_Subscribe(sub, js_, subject.c_str(), cb, &q_, nullptr, &so, &jerr), std::string("subscribe ") + stream);
    natsSubscription_SetPendingLimits(*sub, -1, -1);
  };
  names.reserve(3);
  natsSubscription *md = nullptr, *ord = nullptr, *decided = nullptr;
  // The risk gate's progress (KV positions, key decided.<acct>): its latest value, then every new one.
  std::string pkey = "decided." + a_.account;
  subscribe(&decided, "KV_positions", "decided", "$KV.positions." + pkey, 0, on_decided);
  subscribe(&ord, "ORDERS", "orders", "ord.approved." + a_.account, st_.order_seq() + 1, on_ord);
  subscribe(&md, "MD", "md", "md.>", st_.md_seq() + 1, on_md);

  int64_t next_hb = 0;
  while (!g_stop) {
    int64_t t = now_ms();
    if (a_.heartbeat_ms > 0 && t >= next_hb) {
      heartbeat();
      next_hb = t + a_.heartbeat_ms;
    }
    Item i;
    if (!q_.pop(i, 200)) continue;
    switch (i.kind) {
      case Item::MD:
        handle_md(i.msg);
        natsMsg_Destroy(i.msg);
        break;
      case Item::ORD:
        handle_order(i.msg);
        natsMsg_Destroy(i.msg);
        break;
      case Item::DECIDED:
        if (decided_progress(i.msg, pkey, i.progress)) {
          have_progress_ = true;
          progress_ = i.progress;
          advance();
        }
        natsMsg_Destroy(i.msg);
        break;
    }
  }
  // Stopped (SIGTERM/SIGINT): everything decided is saved after each step; flush what is in flight.
  natsSubscription_Unsubscribe(md);
  natsSubscription_Unsubscribe(ord);
  natsSubscription_Unsubscribe(decided);
  js_PublishAsyncComplete(js_, nullptr);
  std::fprintf(stderr,
               "native-order-router: stopped: bars=%llu sets=%llu steps=%llu orders=%llu fills=%llu "
               "duplicates=%llu refused=%llu saves=%llu published=%llu publish_duplicates=%llu\n",
               (unsigned long long)n_.bars, (unsigned long long)n_.sets, (unsigned long long)n_.steps,
               (unsigned long long)n_.orders, (unsigned long long)n_.fills, (unsigned long long)n_.duplicates,
               (unsigned long long)n_.refused, (unsigned long long)n_.saves, (unsigned long long)n_.published,
               (unsigned long long)n_.publish_duplicates);
  natsSubscription_Destroy(md);
  natsSubscription_Destroy(ord);
  natsSubscription_Destroy(decided);
  kvStore_Destroy(positions_);
  kvStore_Destroy(orders_kv_);
  kvStore_Destroy(control_);
  jsCtx_Destroy(js_);
  natsConnection_Destroy(nc_);
  natsOptions_Destroy(opts);
}

}  // namespace

// Checks the decimal-string rule against proto/conformance/vectors.json (both directions).
int conformance(const char* path) {
  std::ifstream in(path);
  if (!in) die(std::string("cannot read ") + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  static const std::regex vec("\"bits\":\\s*\"([0-9a-f]{16})\",\\s*\"text\":\\s*\"([^\"]*)\"");
  int ok = 0, bad = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), vec); it != std::sregex_iterator(); ++it) {
    uint64_t bits = std::stoull((*it)[1].str(), nullptr, 16);
    double x;
    std::memcpy(&x, &bits, 8);
    std::string want = (*it)[2].str();
    std::string got = at::dec(x);
    auto back = at::num(want);
    uint64_t back_bits = 0;
    if (back) std::memcpy(&back_bits, &*back, 8);
    if (got == want && back && back_bits == bits) {
      ok++;
    } else {
      bad++;
      std::printf("MISMATCH %s: dec gives \"%s\", want \"%s\"\n", (*it)[1].str().c_str(), got.c_str(), want.c_str());
    }
  }
  std::printf("DECIMALS ok=%d bad=%d\n", ok, bad);
  return bad == 0 && ok > 0 ? 0 : 1;
}

int main(int argc, char** argv) {
  GOOGLE_PROTOBUF_VERIFY_VERSION;
  if (argc == 3 && std::string(argv[1]) == "--conformance") return conformance(argv[2]);
  Args a = parse(argc, argv);
  struct sigaction sa {};
  sa.sa_handler = [](int) { g_stop = true; };
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  Stage(std::move(a)).run();
  nats_Close();
  google::protobuf::ShutdownProtobufLibrary();
  return 0;
}
