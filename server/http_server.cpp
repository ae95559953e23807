#include "http_server.h"

namespace antre {

HttpServer::HttpServer(ApiContext& ctx, const HttpSettings& settings) : ctx_(ctx) {
  TransportSettings t;
  t.bind = settings.bind;
  t.port = settings.port;
  t.tls_cert = settings.tls_cert;
  t.tls_key = settings.tls_key;
  t.limits = TransportLimitsFrom(ctx.limits);
  ApiContext* c = &ctx_;
  transport_ = std::make_unique<Transport>(
      t, [c](const HttpRequest& req, HttpResponse& res) { Dispatch(*c, req, res); }, ErrorBodyForStatus);
  transport_->SetFastHandler([c](const HttpRequest& req, Reply reply) { return DispatchFast(*c, req, std::move(reply)); });
}

HttpServer::~HttpServer() = default;

Result<int> HttpServer::Bind() { return transport_->Bind(); }

bool HttpServer::Run() { return transport_->Run(); }

bool HttpServer::IsRunning() const { return transport_->IsRunning(); }

void HttpServer::Stop() {
  ctx_.hub->Stop();
  transport_->Stop();
}

}  // namespace antre
