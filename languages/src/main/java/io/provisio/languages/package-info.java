/** The suite's languages and the one rule that reads a locale or a browser's preference as one of them. */
package io.provisio.languages;
