/**
 * The text of the files file search ingests, read with Apache Tika.
 */
@NullMarked
package dev.assistants.documents.tika;

import org.jspecify.annotations.NullMarked;
