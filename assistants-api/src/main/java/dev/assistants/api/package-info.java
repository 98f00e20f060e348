/**
 * The Assistants API v2 model: one Java record per schema of OpenAI's OpenAPI specification, named
 * after that schema, with sealed interfaces for the specification's unions.
 * <p>
 * The model is forward compatible: unknown JSON properties are ignored, an unknown enum value is
 * kept as an {@link dev.assistants.api.ApiEnum} whose {@code isKnown()} is {@code false},
 * and an unknown union variant becomes an {@link dev.assistants.api.UnknownVariant}
 * holding the raw JSON.
 */
@NullMarked
package dev.assistants.api;

import org.jspecify.annotations.NullMarked;
