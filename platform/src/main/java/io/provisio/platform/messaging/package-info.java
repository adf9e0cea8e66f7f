/** The message envelope every command, reply and event travels in, and its JSON codec. */
package io.provisio.platform.messaging;
