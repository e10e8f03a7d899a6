// CloudFront Function (viewer request, default behaviour only): the single-page app's routes
// (`/items/01J…`, `/sessions`) get index.html; anything that names a file goes to S3 unchanged.
// Done here rather than with error responses, so an API 404 or 403 is never turned into index.html.
// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls `handler` by name.
function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}
