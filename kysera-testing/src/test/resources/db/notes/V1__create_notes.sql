-- kysera:up
create table notes (
  id integer primary key,
  body varchar(100) not null
);

-- kysera:down
drop table notes;
