// CloudFront Function (viewer request, `/api/map/items` and `/api/map/shapes` only): the public map-feed URLs of the API are
// served from the snapshot objects in FEED_BUCKET, so opening the map never touches the table.
// `/api/map/items` → `/map/items.json`; unknown names get a 404 here rather than a probe of the bucket.
// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls `handler` by name.
function handler(event) {
  var request = event.request;
  var match = /^\/api\/map\/(items|shapes)$/.exec(request.uri);
  if (match) {
    request.uri = `/map/${match[1]}.json`;
    request.querystring = {};
    return request;
  }
  return {
    statusCode: 404,
    statusDescription: 'Not Found',
    headers: { 'content-type': { value: 'application/problem+json' } },
    body: {
      encoding: 'text',
      data: '{"type":"/problems/not-found","title":"Not found","status":404,"detail":"No such map feed."}',
    },
  };
}
