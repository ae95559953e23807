#include "http/message.h"

#include <strings.h>

namespace antre {
namespace {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

const std::string* FindHeader(const HeaderList& headers, const std::string& name) {
  for (const auto& h : headers) {
    if (strcasecmp(h.first.c_str(), name.c_str()) == 0) return &h.second;
  }
  return nullptr;
}

}  // namespace

std::string HttpRequest::Header(const std::string& name) const {
  const std::string* v = FindHeader(headers, name);
  return v ? *v : std::string();
}

bool HttpRequest::HasHeader(const std::string& name) const { return FindHeader(headers, name) != nullptr; }

std::string HttpRequest::Query(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

bool HttpRequest::HasQuery(const std::string& name) const { return query.count(name) > 0; }

void HttpResponse::SetHeader(const std::string& name, const std::string& value) {
  for (auto& h : headers) {
    if (strcasecmp(h.first.c_str(), name.c_str()) == 0) {
      h.second = value;
      return;
    }
  }
  headers.emplace_back(name, value);
}

std::string HttpResponse::Header(const std::string& name) const {
  const std::string* v = FindHeader(headers, name);
  return v ? *v : std::string();
}

}  // namespace antre
