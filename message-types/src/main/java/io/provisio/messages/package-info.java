/** Wire type names ↔ contract records: the registry each contracts module instantiates (ADR 020). No Spring here. */
package io.provisio.messages;
