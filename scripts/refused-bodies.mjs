// A request refused before its body was read (413 on a declared Content-Length, 401 on a
// bad signature, 404 for an unknown shop) leaves that body on the connection. Node reads
// and discards such a body by itself, but Remix's Express adapter has already attached a
// reader that pauses once its buffer is full and is never read again: the connection then
// stalls, and the proxy or balancer in front gets a reset on the next request it sends
// down it (issue 17: the request after a 2 MB body answered 502 through the demo proxy).
//
// This middleware restores Node's behaviour, bounded: once the response is sent, a body
// that was not read to the end is read and thrown away, so the connection serves the next
// request. A body declared larger than `maxBytes` is not worth reading to throw away: its
// response says `Connection: close` instead, so nothing reuses the connection. A body that
// turns out larger than `maxBytes`, or that takes longer than `maxMs`, closes it.

/** @param {{ maxBytes?: number, maxMs?: number }} [options] */
export function drainRefusedBodies({ maxBytes = 8 * 1024 * 1024, maxMs = 10_000 } = {}) {
  /** @type {import("express").RequestHandler} */
  return (req, res, next) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.setHeader("Connection", "close");
      return next();
    }
    res.once("finish", () => {
      if (req.complete || req.destroyed) return;
      const socket = req.socket;
      // Whatever reader the request handler attached will never be read now that the answer
      // is sent; left attached it would hold the discarded bytes in memory.
      req.removeAllListeners("data");
      let left = maxBytes;
      const close = () => socket?.destroy();
      const timer = setTimeout(close, maxMs);
      timer.unref();
      req.on("data", (chunk) => {
        left -= chunk.length;
        if (left < 0) close();
      });
      req.once("end", () => clearTimeout(timer));
      req.once("close", () => clearTimeout(timer));
      req.resume();
    });
    next();
  };
}
