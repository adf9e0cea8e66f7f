/** Issuing setup links when setup starts, reading them for the page, and completing setup: one atomic write each. */
package io.provisio.identity.setup.application;
