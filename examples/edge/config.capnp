# workerd configuration for the example worker (npm run edge). Module names
# are what the code imports: the worker imports 'rtl-article' as a publisher's
# bundle would, and the entry's relative imports resolve beside it.
# Paths are relative to this file; `npm run build` makes www/pkg/ and
# www/generated/seed.json.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "rtl-article", esModule = embed "../../www/edge.js"),
    (name = "server.js", esModule = embed "../../www/server.js"),
    (name = "catalog-option.js", esModule = embed "../../www/catalog-option.js"),
    (name = "pkg/rtl_article_server.js", esModule = embed "../../www/pkg/rtl_article_server.js"),
    (name = "pkg/rtl_article_server_bg.wasm", wasm = embed "../../www/pkg/rtl_article_server_bg.wasm"),
    (name = "seed.json", json = embed "../../www/generated/seed.json"),
    (name = "catalog.json", json = embed "../../www/demo/catalog.json"),
  ],
  compatibilityDate = "2026-11-01",
);
