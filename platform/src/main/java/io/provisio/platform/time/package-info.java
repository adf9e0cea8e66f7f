/**
 * The services' clock, and the periodic workers that read it. The adjustable clock and its actuator endpoint
 * ({@code /actuator/testclock}, management port only) exist only with {@code provisio.test-clock.enabled=true}; they
 * ship in the jars on purpose, because the acceptance and fault suites run the very jars that are deployed, as
 * processes, and move their time from outside (a start date reached, a link expired) instead of waiting. Nothing in
 * {@code deploy/} turns the property on; production runs on {@link java.time.Clock#systemUTC()}.
 */
package io.provisio.platform.time;
