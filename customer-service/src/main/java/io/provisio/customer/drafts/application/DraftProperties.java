package io.provisio.customer.drafts.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long drafts are kept (ADR 027): a draft nobody saved for {@code retention} is deleted by the sweep that runs
 * every {@code retentionInterval} on each replica.
 */
@ConfigurationProperties("provisio.drafts")
public record DraftProperties(@DefaultValue("30d") Duration retention, @DefaultValue("1h") Duration retentionInterval) {
}
