// Atom feeds: written by the feeds-and-API work (issue 16, item 2).
#include "web/internal/pages.h"

namespace pw::web {

Status FeedAll(const Site&, const Request&, Response* response) {
  ErrorPage(501, "not implemented yet", response);
  return Status::Ok();
}
Status FeedCompany(const Site&, const Request&, Response* response) {
  ErrorPage(501, "not implemented yet", response);
  return Status::Ok();
}
Status FeedDocument(const Site&, const Request&, Response* response) {
  ErrorPage(501, "not implemented yet", response);
  return Status::Ok();
}

}  // namespace pw::web
