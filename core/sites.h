/* core/sites.h: the VM's side of the contention report (core/sites.c). */
#ifndef TORII_CORE_SITES_H
#define TORII_CORE_SITES_H

/* Installs contention_hooks (threads/contention.h): the current Python site,
 * resolving a site to file:line and function, describing an object.  Called
 * by runtime_init before any other thread starts.  Cannot fail. */
void sites_install(void);

#endif
