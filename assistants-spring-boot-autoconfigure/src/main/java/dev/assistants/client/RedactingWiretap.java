package dev.assistants.client;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

/**
 * Logs what goes over each connection as text, at DEBUG level on the logger {@value #CATEGORY},
 * with the API key and authentication headers replaced by {@value #REDACTED}. Unlike Reactor Netty's
 * own wiretap, which writes the key to the log, it is safe to turn on with a real key.
 */
@ChannelHandler.Sharable
final class RedactingWiretap extends LoggingHandler {

	static final String CATEGORY = "dev.assistants.client.wiretap";

	static final String REDACTED = "[REDACTED]";

	private static final Pattern CREDENTIAL_HEADER = Pattern
		.compile("(?im)^((?:authorization|proxy-authorization|api-key|cookie|set-cookie)\\s*:).*$");

	private final @Nullable String apiKey;

	RedactingWiretap(@Nullable String apiKey) {
		super(CATEGORY, LogLevel.DEBUG);
		this.apiKey = (apiKey != null && !apiKey.isBlank()) ? apiKey : null;
	}

	/**
	 * Add this handler to a new connection's pipeline: after the TLS handler, if there is one, so
	 * that it logs plain text.
	 */
	void install(Channel channel) {
		ChannelPipeline pipeline = channel.pipeline();
		if (pipeline.get(NettyPipeline.SslHandler) != null) {
			pipeline.addAfter(NettyPipeline.SslHandler, CATEGORY, this);
		}
		else {
			pipeline.addFirst(CATEGORY, this);
		}
	}

	@Override
	protected String format(ChannelHandlerContext ctx, String eventName, Object arg) {
		if (arg instanceof ByteBuf buffer) {
			String text = buffer.toString(buffer.readerIndex(), buffer.readableBytes(), StandardCharsets.UTF_8);
			return redact(ctx.channel() + " " + eventName + ": " + buffer.readableBytes() + "B\n" + text);
		}
		return redact(super.format(ctx, eventName, arg));
	}

	@Override
	protected String format(ChannelHandlerContext ctx, String eventName, Object firstArg, Object secondArg) {
		return redact(super.format(ctx, eventName, firstArg, secondArg));
	}

	String redact(String text) {
		String redacted = CREDENTIAL_HEADER.matcher(text).replaceAll("$1 " + Matcher.quoteReplacement(REDACTED));
		return (this.apiKey != null) ? redacted.replace(this.apiKey, REDACTED) : redacted;
	}

}
