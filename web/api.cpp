// The JSON API: written by the feeds-and-API work (issue 16, item 3).
#include "web/internal/pages.h"

namespace pw::web {

Status ApiDocuments(const Site&, const Request&, Response* response) {
  ErrorPage(501, "not implemented yet", response);
  return Status::Ok();
}
Status ApiVersions(const Site&, const Request&, Response* response) {
  ErrorPage(501, "not implemented yet", response);
  return Status::Ok();
}
Status ApiVersion(const Site&, const Request&, Response* response) {
  ErrorPage(501, "not implemented yet", response);
  return Status::Ok();
}
Status ApiChanges(const Site&, const Request&, Response* response) {
  ErrorPage(501, "not implemented yet", response);
  return Status::Ok();
}

}  // namespace pw::web
