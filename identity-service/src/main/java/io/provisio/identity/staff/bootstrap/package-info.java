/** Creates the bootstrap file's staff users at start-up, never overwriting one that exists. */
package io.provisio.identity.staff.bootstrap;
