/** Cross-cutting pieces every Provisio service shares: messaging, outbox, saga participation, errors, security. */
package io.provisio.platform;
