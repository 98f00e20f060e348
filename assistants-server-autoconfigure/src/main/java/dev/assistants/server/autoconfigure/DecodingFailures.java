package dev.assistants.server.autoconfigure;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

/**
 * Answers the requests that Reactor Netty cannot decode in OpenAI's error shape, where Reactor
 * Netty would answer with an empty body: a request line (the URL) over its limit with a 414, headers
 * over theirs with a 431, anything else that is not HTTP with a 400. The connection then closes, as
 * the rest of what the client sent cannot be read.
 */
final class DecodingFailures extends ChannelInboundHandlerAdapter {

	private static final String NAME = "assistants.decodingFailures";

	/**
	 * Put the handler in a new connection's pipeline, between the HTTP codec and Reactor Netty's
	 * handling of the requests.
	 */
	static void install(ConnectionObserver observer, Channel channel, @Nullable SocketAddress remoteAddress) {
		ChannelPipeline pipeline = channel.pipeline();
		if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null && pipeline.get(NAME) == null) {
			pipeline.addBefore(NettyPipeline.HttpTrafficHandler, NAME, new DecodingFailures());
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (!(message instanceof HttpRequest request) || request.decoderResult().isSuccess()) {
			context.fireChannelRead(message);
			return;
		}
		Throwable cause = request.decoderResult().cause();
		ReferenceCountUtil.release(message);
		FullHttpResponse response = response(cause);
		context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	/** What Netty says of the limit, such as {@code  (an HTTP line is larger than 4096 bytes).} */
	private static String detail(Throwable cause) {
		String detail = cause.getMessage();
		if (detail == null || detail.isBlank()) {
			return ".";
		}
		detail = detail.strip();
		detail = detail.endsWith(".") ? detail.substring(0, detail.length() - 1) : detail;
		return " (" + Character.toLowerCase(detail.charAt(0)) + detail.substring(1) + ").";
	}

	private static FullHttpResponse response(Throwable cause) {
		HttpResponseStatus status;
		String message;
		if (cause instanceof TooLongHttpLineException) {
			status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
			message = "The request URL is too long" + detail(cause);
		}
		else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
			status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
			message = "The request headers are too large" + detail(cause);
		}
		else {
			status = HttpResponseStatus.BAD_REQUEST;
			message = "The request could not be read as HTTP.";
		}
		byte[] body = ("{\"error\":{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
				+ "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}")
			.getBytes(StandardCharsets.UTF_8);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
				Unpooled.wrappedBuffer(body));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		return response;
	}

}
