/** Wires the platform into every service: auto-configuration and shared property defaults. */
package io.provisio.platform.config;
