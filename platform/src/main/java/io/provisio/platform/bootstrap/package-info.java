/** The installation's bootstrap file (API.md, "Bootstrap"), read once at start-up by its owners. */
package io.provisio.platform.bootstrap;
