/** The public API's one port: routes partner calls to the services, guarding them at the edge. */
package io.provisio.gateway;
