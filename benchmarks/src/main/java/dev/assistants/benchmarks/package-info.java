/**
 * JMH benchmarks of the Assistants client against a local server in a process of its own, beside a
 * raw Reactor Netty and Jackson floor, a bare Spring WebClient and the official openai-java client.
 */
@NullMarked
package dev.assistants.benchmarks;

import org.jspecify.annotations.NullMarked;
