/** Health and metrics every service shares. */
package io.provisio.platform.observability;
