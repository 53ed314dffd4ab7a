-- kysera:up
create table boot_kept (id integer primary key);
