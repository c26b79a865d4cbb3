# workerd configuration for the boundary probe (tests/edge/boundary.test.mjs):
# the edge entry as a publisher's worker imports it, both bundles' glue, and
# the probe shared with Chromium and Node (tests/boundary/probe.mjs).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8788", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "boundary-worker.js"),
    (name = "probe.mjs", esModule = embed "../boundary/probe.mjs"),
    (name = "rtl-article", esModule = embed "../../www/edge.js"),
    (name = "server.js", esModule = embed "../../www/server.js"),
    (name = "catalog-option.js", esModule = embed "../../www/catalog-option.js"),
    (name = "pkg/rtl_article_server.js", esModule = embed "../../www/pkg/rtl_article_server.js"),
    (name = "pkg/rtl_article_server_bg.wasm", wasm = embed "../../www/pkg/rtl_article_server_bg.wasm"),
    (name = "pkg/rtl_article_reader.js", esModule = embed "../../www/pkg/rtl_article_reader.js"),
    (name = "pkg/rtl_article_reader_bg.wasm", wasm = embed "../../www/pkg/rtl_article_reader_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
);
