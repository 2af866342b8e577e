import NIOCore
import NIOHTTP1

/// Refuses, with 400, a request that names its host twice or in its target: two `Host` headers,
/// or a target in absolute form (`GET http://other.example/ HTTP/1.1`) or any form but a path.
///
/// It has to sit right after the HTTP/1 decoder. The conversion to HTTPTypes that follows keeps
/// only the first `Host` header as the request's authority and turns an absolute-form target into
/// its path, so past it such a request would look like one for us, and `HostCheck` would let it
/// through. A browser never sends either to a server that is not a proxy.
final class RequestTargetCheck: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias InboundOut = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  /// Set while the parts of a refused request are still arriving; they are dropped.
  private var refusing = false

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      if let problem = Self.problem(with: head) {
        refusing = true
        refuse(head, problem, context: context)
      } else {
        refusing = false
        context.fireChannelRead(data)
      }
    case .body, .end:
      if !refusing { context.fireChannelRead(data) }
    }
  }

  static func problem(with head: HTTPRequestHead) -> String? {
    if head.headers["Host"].count != 1 { return "a request names exactly one Host" }
    if !head.uri.hasPrefix("/") { return "a request's target is a path on this preview, not a full address" }
    return nil
  }

  private func refuse(_ head: HTTPRequestHead, _ problem: String, context: ChannelHandlerContext) {
    let body = ByteBuffer(string: "{\"error\":\"\(problem)\"}")
    var headers = HTTPHeaders()
    headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
    headers.add(name: "Content-Length", value: String(body.readableBytes))
    headers.add(name: "Connection", value: "close")
    context.write(
      wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .badRequest, headers: headers))), promise: nil)
    context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
    let written = context.eventLoop.makePromise(of: Void.self)
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
    let channel = context.channel
    written.futureResult.whenComplete { _ in channel.close(promise: nil) }
  }
}

/// Puts a `RequestTargetCheck` right after the HTTP/1 decoder. Hummingbird adds its extra handlers
/// after the conversion to HTTPTypes, too late to see the raw request; this one, added there,
/// places the check where it must be and then only passes everything on.
final class RequestTargetCheckInstaller: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = NIOAny

  func handlerAdded(context: ChannelHandlerContext) {
    let pipeline = context.pipeline.syncOperations
    guard let decoder = try? pipeline.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self) else {
      // Without the check no request would be safe to answer.
      context.close(promise: nil)
      return
    }
    do {
      try pipeline.addHandler(RequestTargetCheck(), position: .after(decoder.handler))
    } catch {
      context.close(promise: nil)
    }
  }
}
