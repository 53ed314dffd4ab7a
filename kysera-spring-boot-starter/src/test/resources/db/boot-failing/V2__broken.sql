-- kysera:up
create table boot_broken (id integer primary key);
insert into boot_no_such_table (id) values (1);
