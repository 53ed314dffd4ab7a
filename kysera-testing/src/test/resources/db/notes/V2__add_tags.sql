-- kysera:up
create table note_tags (
  note_id integer not null references notes (id),
  tag varchar(50) not null,
  primary key (note_id, tag)
);

-- kysera:down
drop table note_tags;
