/** Time for tests: an adjustable clock and its actuator endpoint, off unless asked for. */
package io.provisio.platform.time;
