package io.provisio.platform.deadletter;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Registers the operator's dead-letter endpoints; the controller itself stays package-private. */
@Configuration(proxyBeanMethods = false)
@Import(DeadLetterController.class)
public class OperatorDeadLetterApi {
}
