-- kysera:up
insert into boot_notes (id, body) values (1, 'from a file');
