-- kysera:up
create table boot_notes (id integer primary key, body varchar(100) not null);

-- kysera:down
drop table boot_notes;
