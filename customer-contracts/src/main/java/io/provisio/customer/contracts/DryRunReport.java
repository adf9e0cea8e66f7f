package io.provisio.customer.contracts;

import java.util.List;

/**
 * A participant's answer to a validate command, sent straight to the {@code replyTo} of the command
 * (customer-service's {@code dry-run-replies}); nothing was written. Empty findings: the real run would pass.
 */
public record DryRunReport(List<DryRunFinding> findings) implements CustomerMessage {
}
