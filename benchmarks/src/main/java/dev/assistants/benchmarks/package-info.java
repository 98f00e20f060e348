/**
 * JMH benchmarks of the Assistants client against a local server, beside a raw Reactor Netty and
 * Jackson floor and the official openai-java client.
 */
@NullMarked
package dev.assistants.benchmarks;

import org.jspecify.annotations.NullMarked;
