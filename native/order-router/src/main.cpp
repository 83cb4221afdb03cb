// native-order-router: the paper execution stage in C++, written against proto/README.md.
//
// What it does (see ../README.md for what it does NOT do yet): reads the account's approved
// orders (stream ORDERS, ord.approved.<account>) and the bars and bar-set markers (stream MD) in
// stream order, fills market and limit orders at the next bar's open with the paper fill model
// (maker/taker fees, bps slippage, lot size, min qty/notional, cash and position caps), books them
// on its own cash and positions, prints every Fill and the final cash, and publishes the Fills on
// exec.fill.<account> under the protocol's msg-ids. It also reads the account state the
// TypeScript router keeps in KV (positions/account.<account>, protobuf AccountState) and prints it.
#include <nats/nats.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "algotrader/v1/market.pb.h"
#include "algotrader/v1/state.pb.h"
#include "algotrader/v1/trading.pb.h"
#include "fillmodel.hpp"

namespace pb = algotrader::v1;

namespace {

struct Args {
  std::string url, account = "paper", quote = "USDT", tf = "1h";
  int64_t tf_ms = 3600000;
  at::Model model;
  at::Spec spec;
  bool publish = false;
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "native-order-router: %s\n", what.c_str());
  std::exit(2);
}

void check(natsStatus s, const char* what) {
  if (s != NATS_OK) die(std::string(what) + ": " + natsStatus_GetText(s) + " " + nats_GetLastError(nullptr));
}

double num_arg(const char* v, const char* name) {
  auto x = at::num(v ? v : "");
  if (!x) die(std::string(name) + ": \"" + (v ? v : "") + "\" is not a number");
  return *x;
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
    else if (k == "--tf-ms") a.tf_ms = static_cast<int64_t>(num_arg(take(), "--tf-ms"));
    else if (k == "--maker") a.model.maker = num_arg(take(), "--maker");
    else if (k == "--taker") a.model.taker = num_arg(take(), "--taker");
    else if (k == "--slippage-bps") a.model.slippage_bps = num_arg(take(), "--slippage-bps");
    else if (k == "--lot-size") a.spec.lot_size = num_arg(take(), "--lot-size");
    else if (k == "--min-qty") a.spec.min_qty = num_arg(take(), "--min-qty");
    else if (k == "--min-notional") a.spec.min_notional = num_arg(take(), "--min-notional");
    else if (k == "--publish") a.publish = true;
    else die("unknown argument " + k + " (see native/order-router/README.md)");
  }
  if (a.url.empty()) die("--url nats://host:port is required");
  return a;
}

std::string header(natsMsg* m, const char* name) {
  const char* v = nullptr;
  if (natsMsgHeader_Get(m, name, &v) != NATS_OK || !v) return "";
  return v;
}

// Every message of `subject` on `stream`, in stream order, through an ordered consumer.
template <typename F>
void read_all(jsCtx* js, const char* stream, const std::string& subject, F&& each) {
  jsStreamInfo* si = nullptr;
  jsErrCode jerr = jsErrCode(0);
  check(js_GetStreamInfo(&si, js, stream, nullptr, &jerr), "stream info");
  uint64_t last = si->State.LastSeq;
  jsStreamInfo_Destroy(si);
  if (last == 0) return;
  jsSubOptions so;
  jsSubOptions_Init(&so);
  so.Stream = stream;
  so.Ordered = true;
  natsSubscription* sub = nullptr;
  check(js_SubscribeSync(&sub, js, subject.c_str(), nullptr, &so, &jerr), "subscribe");
  for (;;) {
    natsMsg* m = nullptr;
    natsStatus s = natsSubscription_NextMsg(&m, sub, 5000);
    if (s == NATS_TIMEOUT) break;  // nothing more on this subject
    check(s, "next message");
    jsMsgMetaData* meta = nullptr;
    check(natsMsg_GetMetaData(&meta, m), "message metadata");
    uint64_t seq = meta->Sequence.Stream;
    uint64_t pending = meta->NumPending;
    jsMsgMetaData_Destroy(meta);
    each(m, seq);
    natsMsg_Destroy(m);
    if (pending == 0) break;
  }
  natsSubscription_Destroy(sub);
}

std::string key_of(const pb::InstrumentRef& r) { return r.venue() + ":" + r.symbol(); }

struct Order {
  pb::OrderRequest req;
  double qty = 0, limit = 0;
  bool is_limit = false;
};

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
  natsConnection* nc = nullptr;
  check(natsConnection_ConnectTo(&nc, a.url.c_str()), "connect");
  jsCtx* js = nullptr;
  check(natsConnection_JetStream(&js, nc, nullptr), "jetstream");

  // The shared state of the TypeScript router, read through proto/algotrader/v1/state.proto.
  kvStore* kv = nullptr;
  check(js_KeyValue(&kv, js, "positions"), "kv positions");
  kvEntry* e = nullptr;
  std::string key = "account." + a.account;
  double initial_cash = -1;
  if (kvStore_Get(&e, kv, key.c_str()) == NATS_OK) {
    const void* data = kvEntry_Value(e);
    int len = kvEntry_ValueLen(e);
    auto* bytes = static_cast<const unsigned char*>(data);
    if (len > 0 && ((bytes[0] >= 0x80 && bytes[0] <= 0x8f) || bytes[0] == 0xde || bytes[0] == 0xdf))
      die(key + " is a msgpack value written before protobuf: start the TypeScript order-router once "
                "(it migrates the value at its next save), then run this again");
    pb::AccountState st;
    if (!st.ParseFromArray(data, len)) die(key + " is not a protobuf algotrader.v1.AccountState");
    if (st.version() != 3) die(key + ": encoding version " + std::to_string(st.version()) + " is not 3");
    initial_cash = st.book().initial_cash();
    std::printf("STATE account=%s cash=%s fills=%llu md_seq=%llu order_seq=%llu orders=%d\n",
                st.account().c_str(), at::dec(st.book().cash()).c_str(),
                static_cast<unsigned long long>(st.fills()), static_cast<unsigned long long>(st.md_seq()),
                static_cast<unsigned long long>(st.order_seq()), st.orders_size());
    kvEntry_Destroy(e);
  }
  kvStore_Destroy(kv);
  if (initial_cash < 0) die(key + " not found: the account's initial cash comes from its state");

  // Approved orders, in stream order (their arrival order is the fill order).
  std::vector<Order> orders;
  int refused = 0;
  read_all(js, "ORDERS", "ord.approved." + a.account, [&](natsMsg* m, uint64_t seq) {
    if (header(m, "Proto-Type") != "algotrader.v1.OrderRequest") {
      std::fprintf(stderr, "refused ORDERS #%llu: Proto-Type \"%s\"\n", (unsigned long long)seq,
                   header(m, "Proto-Type").c_str());
      refused++;
      return;
    }
    Order o;
    if (!o.req.ParseFromArray(natsMsg_GetData(m), natsMsg_GetDataLength(m))) {
      std::fprintf(stderr, "refused ORDERS #%llu: undecodable\n", (unsigned long long)seq);
      refused++;
      return;
    }
    if (!o.req.cancel()) {
      auto q = at::num(o.req.quantity());
      if (!q || !o.req.quote_amount().empty()) {
        std::fprintf(stderr, "refused order %s: quantity \"%s\" (quote-sized orders are not supported)\n",
                     o.req.client_order_id().c_str(), o.req.quantity().c_str());
        refused++;
        return;
      }
      o.qty = *q;
      o.is_limit = o.req.type() == pb::ORDER_TYPE_LIMIT;
      if (o.is_limit) {
        auto l = at::num(o.req.limit_price());
        if (!l) die("order " + o.req.client_order_id() + ": limit price is not a decimal");
        o.limit = *l;
      }
    }
    orders.push_back(std::move(o));
  });

  double cash = initial_cash;
  std::map<std::string, double> held;
  std::map<int64_t, std::map<std::string, at::Bar>> bars;  // close time -> instrument key -> bar
  std::deque<size_t> pending;                               // indices into orders, arrival order
  std::set<std::string> seen;
  size_t next = 0;
  uint64_t fills = 0, duplicates = 0, sets = 0;
  std::string fill_subject = "exec.fill." + a.account;

  auto publish_fill = [&](const pb::Fill& f, const std::string& msg_id) {
    std::string bytes = f.SerializeAsString();
    natsMsg* m = nullptr;
    check(natsMsg_Create(&m, fill_subject.c_str(), nullptr, bytes.data(), static_cast<int>(bytes.size())), "msg");
    natsMsgHeader_Set(m, "Nats-Msg-Id", msg_id.c_str());
    natsMsgHeader_Set(m, "Proto-Type", "algotrader.v1.Fill");
    natsMsgHeader_Set(m, "Producer", "native-order-router");
    jsPubAck* pa = nullptr;
    jsErrCode jerr = jsErrCode(0);
    check(js_PublishMsg(&pa, js, m, nullptr, &jerr), "publish fill");
    if (pa->Duplicate) duplicates++;
    jsPubAck_Destroy(pa);
    natsMsg_Destroy(m);
  };

  auto step = [&](int64_t c) {
    int64_t x = c - a.tf_ms;
    // Fill gating (proto/README.md): every order decided at or before x is in before the fills of c.
    while (next < orders.size() && orders[next].req.decision_time_ms() <= x) {
      const auto& r = orders[next].req;
      if (r.cancel()) {
        for (auto it = pending.begin(); it != pending.end(); ++it)
          if (orders[*it].req.client_order_id() == r.client_order_id()) {
            pending.erase(it);
            break;
          }
      } else if (seen.insert(r.client_order_id()).second) {
        pending.push_back(next);
      }
      next++;
    }
    auto at = bars.find(c);
    if (at != bars.end()) {
      std::deque<size_t> rest;
      for (size_t i : pending) {
        const Order& o = orders[i];
        const auto& r = o.req;
        // next_open: eligible from the bar opening at its decision time.
        if (r.decision_time_ms() > x) {
          rest.push_back(i);
          continue;
        }
        std::string k = key_of(r.instrument());
        auto b = at->second.find(k);
        if (b == at->second.end()) {
          rest.push_back(i);
          continue;
        }
        bool buy = r.side() == pb::SIDE_BUY;
        at::Outcome out = at::fill(a.model, buy, o.is_limit, o.qty, o.limit, b->second, cash, held[k], a.spec);
        if (out.status != at::Outcome::Filled) continue;  // expired or rejected: terminal, no fill
        // The account's arithmetic (packages/portfolio Account.applyFill), in the same order.
        double notional = out.qty * out.price;
        if (buy) {
          cash = std::max(0.0, cash - notional - out.fee);
          held[k] = at::round_to_step(held[k] + out.qty, a.spec.lot_size);
        } else {
          cash += notional - out.fee;
          held[k] = at::round_to_step(held[k] - out.qty, a.spec.lot_size);
        }
        fills++;
        pb::Fill f;
        f.set_trade_id(r.client_order_id() + ":1");
        f.set_client_order_id(r.client_order_id());
        f.set_account(a.account);
        *f.mutable_instrument() = r.instrument();
        f.set_side(r.side());
        f.set_quantity(at::dec(out.qty));
        f.set_price(at::dec(out.price));
        f.set_fee(at::dec(out.fee));
        f.set_fee_currency(a.quote);
        f.set_time_ms(b->second.open_ms);
        f.set_maker(out.maker);
        std::string msg_id = "fill:paper:" + r.client_order_id() + ":1";
        std::printf("FILL %s %s %s %s %s %lld\n", msg_id.c_str(), buy ? "buy" : "sell", f.quantity().c_str(),
                    f.price().c_str(), f.fee().c_str(), static_cast<long long>(f.time_ms()));
        if (a.publish) publish_fill(f, msg_id);
      }
      pending.swap(rest);
      bars.erase(at);
    }
  };

  read_all(js, "MD", "md.>", [&](natsMsg* m, uint64_t seq) {
    std::string type = header(m, "Proto-Type");
    const char* data = natsMsg_GetData(m);
    int len = natsMsg_GetDataLength(m);
    if (type == "algotrader.v1.Bar") {
      pb::Bar b;
      if (!b.ParseFromArray(data, len) || b.timeframe() != a.tf) return;
      at::Bar x{b.open_time_ms(), b.close_time_ms(), b.open(), b.high(), b.low(), b.close(), b.volume()};
      bars[b.close_time_ms()][key_of(b.instrument())] = x;
    } else if (type == "algotrader.v1.BarSetClosed") {
      pb::BarSetClosed s;
      if (!s.ParseFromArray(data, len) || s.timeframe() != a.tf) return;
      sets++;
      step(s.close_time_ms());
    } else {
      std::fprintf(stderr, "refused MD #%llu on %s: Proto-Type \"%s\"\n", (unsigned long long)seq,
                   natsMsg_GetSubject(m), type.c_str());
      refused++;
    }
  });

  std::printf("CASH %s\n", at::dec(cash).c_str());
  std::printf("DONE fills=%llu sets=%llu orders=%zu refused=%d published_duplicates=%llu\n",
              (unsigned long long)fills, (unsigned long long)sets, orders.size(), refused,
              (unsigned long long)duplicates);
  jsCtx_Destroy(js);
  natsConnection_Destroy(nc);
  nats_Close();
  google::protobuf::ShutdownProtobufLibrary();
  return 0;
}
