package dev.chatstore.app.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;

/**
 * Gives a problem+json body to the errors the HTTP server sends before a request reaches the
 * application: a malformed request line or header (such as a control character in a header value),
 * a malformed percent-encoding in the URL, a URL or header block over the server's limits. They
 * come as an empty response with no content type; everything the application sends carries its own
 * type, so nothing else is touched.
 */
@Component
public class MalformedRequestProblems implements NettyServerCustomizer {

  private static final String HANDLER = "chatstore.malformedRequestProblems";

  private static final Map<Integer, String[]> PROBLEMS =
      Map.of(
          400,
          new String[] {"Bad Request", "malformed_request", "the request is not well-formed HTTP"},
          413,
          new String[] {
            "Content Too Large", "payload_too_large", "request bodies are limited to 1 MiB"
          },
          414,
          new String[] {"URI Too Long", "uri_too_long", "the request URL is too long"},
          431,
          new String[] {
            "Request Header Fields Too Large",
            "headers_too_large",
            "the request headers are too large"
          });

  @Override
  public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
    return server.doOnChannelInit(
        (observer, channel, address) -> {
          if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
              && channel.pipeline().get(HANDLER) == null) {
            channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, new Handler());
          }
        });
  }

  static byte[] body(int status, String[] problem) {
    return ("{\"type\":\"about:blank\",\"title\":\""
            + problem[0]
            + "\",\"status\":"
            + status
            + ",\"code\":\""
            + problem[1]
            + "\",\"detail\":\""
            + problem[2]
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Rewrites the server's own empty error responses. */
  static final class Handler extends ChannelDuplexHandler {

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
        throws Exception {
      if (msg instanceof FullHttpResponse response
          && response.content().readableBytes() == 0
          && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
        String[] problem = PROBLEMS.get(response.status().code());
        if (problem != null) {
          byte[] bytes = body(response.status().code(), problem);
          DefaultFullHttpResponse replaced =
              new DefaultFullHttpResponse(
                  response.protocolVersion(), response.status(), Unpooled.wrappedBuffer(bytes));
          replaced.headers().set(response.headers());
          replaced.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
          replaced.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
          response.release();
          super.write(ctx, replaced, promise);
          return;
        }
      }
      super.write(ctx, msg, promise);
    }
  }
}
